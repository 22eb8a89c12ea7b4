// A connection pool's blocking send (offloaded to AsyncSys workers) retries on EINTR with the send in the loop
// condition, and counts the interruptions with Interlocked: concurrent workers lose no increment.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round38.SharedState.PoolSendInterruptInterlocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "send", SetLastError = true)]
    internal static extern nint Send(int fd, byte[] buffer, nint length, int flags);
}

public static partial class PooledSender
{
    private const int EIntr = 4;
    private static long s_interruptedSends;

    public static long InterruptedSends => Volatile.Read(ref s_interruptedSends);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int SendAll(int fd, byte[] batch, int length)
    {
        nint sent;
        while ((sent = Native.Send(fd, batch, length, 0)) < 0 && Marshal.GetLastPInvokeError() == EIntr)
        {
            Interlocked.Increment(ref s_interruptedSends);
        }

        return (int)sent;
    }
}
