// A file browser's size column probes each file's length with lseek(SEEK_END) in an offloaded wrapper and caches it by
// fd in a static Dictionary. Rows are probed concurrently while scrolling; two workers inserting at once corrupt the
// dictionary (lost entries, or an InvalidOperationException on the UI thread reading it).
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round32.Shared.SizeProbeDictionary;

internal static class Native
{
    [DllImport("libc", EntryPoint = "lseek", SetLastError = true)]
    internal static extern long Lseek(int fd, long offset, int whence);
}

public static partial class SizeColumn
{
    private static readonly Dictionary<int, long> s_sizes = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static long ProbeSize(int fd)
    {
        long size = Native.Lseek(fd, 0, 2);
        if (size >= 0)
        {
            /*~ASYS1003*/s_sizes[fd] = size;
        }

        return size;
    }
}
