// A /proc scraper's loop arms its timerfd with a plain timerfd_settime P/Invoke (it returns at once; it has no
// asynchronous variant and needs none) and waits for each expiry by awaiting the generated read variant.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.Blocking.TimerfdLoopAwaitsVariant;

[StructLayout(LayoutKind.Sequential)]
internal struct ITimerSpec
{
    public long IntervalSeconds;
    public long IntervalNanoseconds;
    public long ValueSeconds;
    public long ValueNanoseconds;
}

internal static class Native
{
    [DllImport("libc", EntryPoint = "timerfd_settime", SetLastError = true)]
    internal static extern int TimerfdSettime(int fd, int flags, ref ITimerSpec newValue, nint oldValue);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static extern nint Read(int fd, byte[] buffer, nint count);
}

public static partial class TimerFds
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static nint WaitExpiry(int timerFd, byte[] expirations) => Native.Read(timerFd, expirations, 8);
}

public sealed class ProcScrapeLoop(int timerFd, long periodSeconds, Func<CancellationToken, Task> scrape)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var spec = new ITimerSpec { IntervalSeconds = periodSeconds, ValueSeconds = periodSeconds };
        if (Native.TimerfdSettime(timerFd, 0, ref spec, 0) < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "timerfd_settime");
        }

        var expirations = new byte[8];
        while (!ct.IsCancellationRequested)
        {
            await TimerFds.WaitExpiryAsync(timerFd, expirations, ct);
            await scrape(ct);
        }
    }
}
