// The tty read wrapper made right: the process-wide byte count is added with Interlocked, so concurrent workers do not
// lose each other's bytes.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round26.SharedState.TtyReadInterlockedCounter;

internal static class Native
{
    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte[] buffer, nint count);
}

public static partial class Tty
{
    private static long s_bytesRead;

    public static long BytesRead => Interlocked.Read(ref s_bytesRead);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint ReadChunk(int ttyFd, byte[] buffer, nint count)
    {
        nint n = Native.Read(ttyFd, buffer, count);
        if (n > 0)
        {
            Interlocked.Add(ref s_bytesRead, n);
        }

        return n;
    }
}
