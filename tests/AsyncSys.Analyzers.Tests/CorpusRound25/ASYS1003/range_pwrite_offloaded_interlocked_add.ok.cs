// The same offloaded range writer, counting written bytes with Interlocked.Add: concurrent workers do not lose updates.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round25.SharedState.RangeWrittenInterlocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "pwrite64", SetLastError = true)]
    internal static extern nint PWrite(int fd, byte[] buffer, nint count, long offset);
}

public sealed partial class Download(int fileFd, long length)
{
    private long _written;

    public bool Complete => Interlocked.Read(ref _written) == length;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public nint WriteRange(byte[] chunk, int count, long offset)
    {
        nint n = Native.PWrite(fileFd, chunk, count, offset);
        if (n > 0)
        {
            Interlocked.Add(ref _written, n);
        }

        return n;
    }
}
