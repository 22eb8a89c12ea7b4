using System.Runtime.InteropServices;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// Waits whose calls report failure in their result rather than in errno, as held-out round 14 declared them:
/// clock_nanosleep(2) returns the error number (EINTR when a signal interrupts it), and a raw-syscall style helper returns
/// -errno. Each states a cancel hook that interrupts its worker.
/// </summary>
public static unsafe partial class ResultErrorWaits
{
    public const int ClockMonotonic = 1, ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_nanosleep")]
    private static extern int clock_nanosleep(int clockid, int flags, Timespec* request, Timespec* remain);

    /// <summary>Sleeps; returns 0 or the error number (EINTR when interrupted).</summary>
    [AsyncSyscall(Errors = SyscallErrors.ReturnsErrorNumber, CancelHook = nameof(Interrupt))]
    public static int SleepFor(long seconds, int clockid = ClockMonotonic)
    {
        var request = new Timespec { Seconds = seconds };
        return clock_nanosleep(clockid, 0, &request, null);
    }

    /// <summary>Sleeps; returns 0 or -errno (-EINTR when interrupted).</summary>
    [AsyncSyscall(Errors = SyscallErrors.NegativeErrno, CancelHook = nameof(Interrupt))]
    public static int SleepForNegative(long seconds)
    {
        var request = new Timespec { Seconds = seconds };
        return -clock_nanosleep(ClockMonotonic, 0, &request, null);
    }

    /// <summary>Returns the error number it is given: EINTR here is the call's own answer, no cancellation.</summary>
    [AsyncSyscall(Errors = SyscallErrors.ReturnsErrorNumber)]
    public static int Report(int number) => number;

    /// <summary>Returns -number.</summary>
    [AsyncSyscall(Errors = SyscallErrors.NegativeErrno)]
    public static int ReportNegative(int number) => -number;

    private static void Interrupt(BlockingCallInfo call) => call.InterruptWorker();
}

/// <summary>poll(2) over a pollfd array the marshaller pins, with nfds beside it, as event-loop bindings declare it.</summary>
public static partial class PollArrays
{
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    [AsyncSyscall]
    public static extern int PollAll([In, Out] PollFd[] fds, nuint nfds, int timeout);
}
