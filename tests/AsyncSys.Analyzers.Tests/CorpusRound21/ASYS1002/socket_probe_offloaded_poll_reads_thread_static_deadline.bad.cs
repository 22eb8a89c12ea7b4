// A readiness health check sets a per-request deadline in a [ThreadStatic] field (middleware style) and calls an
// offloaded poll wrapper that computes its timeout from that deadline through a helper property. The wrapper runs on an
// AsyncSys worker, whose field was never set: the timeout is -1, poll waits forever and the health endpoint hangs.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.PerThread.ProbeThreadStaticDeadline;

internal static class RequestDeadline
{
    [ThreadStatic]
    private static long t_deadline;

    public static void Set(TimeSpan budget) => t_deadline = Environment.TickCount64 + (long)budget.TotalMilliseconds;

    public static int RemainingMilliseconds => t_deadline == 0 ? -1 : (int)Math.Max(0, t_deadline - Environment.TickCount64);
}

internal static unsafe partial class Native
{
    public const short POLLOUT = 0x4;

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollFd* fds, nuint count, int timeout);

    internal static int PollOne(int fd, short events, int timeout)
    {
        PollFd pollFd = new() { Fd = fd, Events = events };
        return Poll(&pollFd, 1, timeout);
    }
}

public static partial class SocketProbe
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int WaitWritable(int fd) => Native.PollOne(fd, Native.POLLOUT, /*~ASYS1002*/RequestDeadline.RemainingMilliseconds);
}

public sealed class UpstreamReadinessCheck(int socketFd)
{
    public async Task<bool> IsReadyAsync(CancellationToken ct)
    {
        RequestDeadline.Set(TimeSpan.FromSeconds(2));
        int ready = await SocketProbe.WaitWritableAsync(socketFd, ct).ConfigureAwait(false);
        return ready > 0;
    }
}
