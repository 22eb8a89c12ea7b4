// A UDP server's readiness loop is an async method (it awaits the handlers) but waits for readiness with the blocking
// epoll_wait wrapper, whose generated variant exists. Each server shard holds a thread-pool thread in epoll_wait for up
// to a second; with one shard per core the pool starves and the tick timers and handlers fire late.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.Blocking.EpollWaitInAsyncLoop;

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
            int ready = /*~ASYS1007*/Poller.WaitReady(epollFd, events, 1000);
            for (int i = 0; i < ready; i++)
            {
                await onReadable(events[i].Fd);
            }
        }
    }
}
