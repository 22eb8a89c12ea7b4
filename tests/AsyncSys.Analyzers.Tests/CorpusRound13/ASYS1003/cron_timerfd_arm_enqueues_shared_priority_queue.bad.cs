// A cron-like daemon arms one timerfd per job. Arming is an offloaded wrapper (an ordinary method outside the table,
// RingOp.None) that also records the job's next run in a static PriorityQueue, which the status endpoint reads to list
// upcoming runs. Once jobs are armed through ArmAsync, arms of different jobs run at the same time on AsyncSys's worker
// pool: PriorityQueue is not thread-safe, and two concurrent Enqueues corrupt its heap (an entry lost or duplicated, the
// array grown twice, an IndexOutOfRangeException in a later Dequeue), so jobs vanish from the schedule.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round13.SharedState.CronPriorityQueue;

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
    private static readonly PriorityQueue<int, long> s_nextRuns = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Arm(int timerFd, long deadlineNanoseconds, long periodNanoseconds)
    {
        var spec = new TimerSpec { Value = ToTimeSpec(deadlineNanoseconds), Interval = ToTimeSpec(periodNanoseconds) };
        /*~ASYS1003*/s_nextRuns.Enqueue(timerFd, deadlineNanoseconds);
        return Native.TimerfdSettime(timerFd, Native.TFD_TIMER_ABSTIME, in spec, 0);
    }

    public static int NextDue() => s_nextRuns.TryPeek(out int timerFd, out _) ? timerFd : -1;

    private static TimeSpec ToTimeSpec(long nanoseconds) =>
        new() { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
}
