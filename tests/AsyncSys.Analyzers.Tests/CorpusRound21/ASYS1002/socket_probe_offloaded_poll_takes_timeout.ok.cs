// The same readiness check, written right: the caller reads its per-request deadline on its own thread and passes the
// timeout to the offloaded poll wrapper, which reads no per-thread state.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.PerThread.ProbeTimeoutArgument;

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
    public static int WaitWritable(int fd, int timeoutMilliseconds) => Native.PollOne(fd, Native.POLLOUT, timeoutMilliseconds);
}

public sealed class UpstreamReadinessCheck(int socketFd)
{
    public async Task<bool> IsReadyAsync(CancellationToken ct)
    {
        RequestDeadline.Set(TimeSpan.FromSeconds(2));
        int ready = await SocketProbe.WaitWritableAsync(socketFd, RequestDeadline.RemainingMilliseconds, ct).ConfigureAwait(false);
        return ready > 0;
    }
}
