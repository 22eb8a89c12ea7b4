using System.Runtime.InteropServices;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>The C struct timespec.</summary>
internal struct ClockTime
{
    public long Seconds;
    public long Nanoseconds;
}

/// <summary>
/// Calls whose argument decides whether they act on the calling thread (the variant checks it), and ordinary methods
/// that retry on EINTR: one whose loop ends when its call is cancelled, one whose loop does not (ASYS0018).
/// </summary>
internal static unsafe partial class ThreadAndRetryVariants
{
    private const int EINTR = 4;

    /// <summary>clock_gettime: fine on any thread except for the calling thread's CPU-time clocks, which the variant refuses.</summary>
    [DllImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    internal static extern int ClockGetTime(int clockid, out ClockTime time);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint ReadRaw(int fd, byte* buffer, nuint count);

    /// <summary>A read that retries on EINTR until its call is cancelled.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static nint ReadRetryingUntilCancelled(int fd, byte[] buffer)
    {
        nint n;
        fixed (byte* p = buffer)
        {
            do
            {
                n = ReadRaw(fd, p, (nuint)buffer.Length);
            }
            while (n < 0 && Marshal.GetLastPInvokeError() == EINTR && !IoRing.IsBlockingCallCancellationRequested);
        }

        return n;
    }

#pragma warning disable ASYS0018 // the shape the warning is about: a test shows what it says
    /// <summary>A read that retries on EINTR whatever happens: its hook's interrupt cannot stop it.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno, CancelHook = nameof(Interrupt))]
    internal static nint ReadRetrying(int fd, byte[] buffer)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                nint n = ReadRaw(fd, p, (nuint)buffer.Length);
                if (n < 0 && Marshal.GetLastPInvokeError() == EINTR)
                {
                    continue;
                }

                return n;
            }
        }
    }
#pragma warning restore ASYS0018

    private static void Interrupt(BlockingCallInfo call) => call.InterruptWorker();
}
