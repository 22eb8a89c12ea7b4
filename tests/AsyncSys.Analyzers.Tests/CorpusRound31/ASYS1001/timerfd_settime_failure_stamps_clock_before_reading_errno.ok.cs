// A /proc scraper arms its timerfd with an absolute deadline. When timerfd_settime fails (EINVAL: the deadline is in
// the past after a suspend) it takes the monotonic clock for the message and then reads errno. clock_gettime is
// declared without SetLastError, so the runtime saves nothing for it: the saved error is still timerfd_settime's.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round31.Errno.TimerfdSettimeClockStamp;

[StructLayout(LayoutKind.Sequential)]
internal struct TimeSpec
{
    public long Seconds;
    public long Nanoseconds;
}

[StructLayout(LayoutKind.Sequential)]
internal struct ITimerSpec
{
    public TimeSpec Interval;
    public TimeSpec Value;
}

internal static class Native
{
    internal const int CLOCK_MONOTONIC = 1, TFD_TIMER_ABSTIME = 1;

    [DllImport("libc", EntryPoint = "timerfd_settime", SetLastError = true)]
    internal static extern int TimerfdSettime(int fd, int flags, ref ITimerSpec newValue, nint oldValue);

    [DllImport("libc", EntryPoint = "clock_gettime")]
    internal static extern int ClockGettime(int clock, out TimeSpec now);
}

public sealed class ScrapeTimer(int timerFd)
{
    public void ArmAt(long deadlineSeconds, long periodSeconds)
    {
        var spec = new ITimerSpec
        {
            Interval = new TimeSpec { Seconds = periodSeconds },
            Value = new TimeSpec { Seconds = deadlineSeconds },
        };
        int rc = Native.TimerfdSettime(timerFd, Native.TFD_TIMER_ABSTIME, ref spec, 0);
        if (rc < 0)
        {
            Native.ClockGettime(Native.CLOCK_MONOTONIC, out TimeSpec now);
            int errno = Marshal.GetLastPInvokeError();
            throw new ErrnoException(errno, "timerfd_settime", "deadline " + deadlineSeconds + "s, now " + now.Seconds + "s");
        }
    }
}
