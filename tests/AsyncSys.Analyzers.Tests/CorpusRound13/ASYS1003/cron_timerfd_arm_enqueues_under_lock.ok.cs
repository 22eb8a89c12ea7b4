// The cron-like daemon of the .bad twin, with the shared PriorityQueue changed only under a lock (the status endpoint
// takes the same lock to read it): concurrent arms on AsyncSys's workers serialize on the queue, and the timerfd_settime
// call itself stays outside the lock.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round13.SharedState.CronPriorityQueueLocked;

[StructLayout(LayoutKind.Sequential)]
public struct TimeSpec
{
    public long Seconds;
    public long Nanoseconds;
}

[StructLayout(LayoutKind.Sequential)]
public struct TimerSpec
{
    public TimeSpec Interval;
    public TimeSpec Value;
}

internal static partial class Native
{
    public const int TFD_TIMER_ABSTIME = 1;

    [LibraryImport("libc", EntryPoint = "timerfd_settime", SetLastError = true)]
    internal static partial int TimerfdSettime(int fd, int flags, in TimerSpec newValue, nint oldValue);
}

public static partial class JobTimers
{
    private static readonly object s_gate = new();
    private static readonly PriorityQueue<int, long> s_nextRuns = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Arm(int timerFd, long deadlineNanoseconds, long periodNanoseconds)
    {
        var spec = new TimerSpec { Value = ToTimeSpec(deadlineNanoseconds), Interval = ToTimeSpec(periodNanoseconds) };
        lock (s_gate)
        {
            s_nextRuns.Enqueue(timerFd, deadlineNanoseconds);
        }

        return Native.TimerfdSettime(timerFd, Native.TFD_TIMER_ABSTIME, in spec, 0);
    }

    public static int NextDue()
    {
        lock (s_gate)
        {
            return s_nextRuns.TryPeek(out int timerFd, out _) ? timerFd : -1;
        }
    }

    private static TimeSpec ToTimeSpec(long nanoseconds) =>
        new() { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
}
