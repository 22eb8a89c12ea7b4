// The file browser's size column made right: the cache is a ConcurrentDictionary, made for concurrent workers.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round32.Shared.SizeProbeConcurrent;

internal static class Native
{
    [DllImport("libc", EntryPoint = "lseek", SetLastError = true)]
    internal static extern long Lseek(int fd, long offset, int whence);
}

public static partial class SizeColumn
{
    private static readonly ConcurrentDictionary<int, long> s_sizes = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static long ProbeSize(int fd)
    {
        long size = Native.Lseek(fd, 0, 2);
        if (size >= 0)
        {
            s_sizes[fd] = size;
        }

        return size;
    }
}
