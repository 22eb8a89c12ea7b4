// The shard's readiness loop made right: it awaits the generated variant of the epoll_wait wrapper, which runs the
// wait on an AsyncSys worker and leaves the pool's threads to the tick timers and handlers.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.Blocking.EpollWaitAwaited;

[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct EpollEvent
{
    public uint Events;
    public int Fd;
    public int Padding;
}

internal static class Native
{
    [DllImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    internal static extern int EpollWait(int epfd, [In, Out] EpollEvent[] events, int maxEvents, int timeoutMs);
}

public static partial class Poller
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int WaitReady(int epfd, EpollEvent[] events, int timeoutMs) =>
        Native.EpollWait(epfd, events, events.Length, timeoutMs);
}

public sealed class Shard(int epollFd, Func<int, ValueTask> onReadable)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var events = new EpollEvent[128];
        while (!ct.IsCancellationRequested)
        {
            int ready = await Poller.WaitReadyAsync(epollFd, events, 1000, ct);
            for (int i = 0; i < ready; i++)
            {
                await onReadable(events[i].Fd);
            }
        }
    }
}
