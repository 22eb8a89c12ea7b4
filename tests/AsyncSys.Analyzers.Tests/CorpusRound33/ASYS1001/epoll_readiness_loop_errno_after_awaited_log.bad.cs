// The readiness loop of a UDP game server waits in epoll_wait (10 ms, so the tick can run) and, when it fails, first
// awaits a log line and only then asks errno whether it was EINTR (a profiler's signal: go round again). After the await
// the loop runs on another pool thread whose saved error is whatever that thread did last, so an EINTR stops the server
// or a real EBADF after a shutdown race spins the loop.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Round33.Errno.EpollLoopAwaitedLog;

[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct EpollEvent
{
    public uint Events;
    public int Fd;
    public int Padding;
}

internal static class Native
{
    internal const int EINTR = 4;

    [DllImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    internal static extern int EpollWait(int epfd, [In, Out] EpollEvent[] events, int maxEvents, int timeoutMs);
}

public sealed class ReadinessLoop(int epollFd, TextWriter log)
{
    public async Task RunAsync(Func<int, ValueTask> onReadable, CancellationToken ct)
    {
        var events = new EpollEvent[64];
        while (!ct.IsCancellationRequested)
        {
            int ready = Native.EpollWait(epollFd, events, events.Length, 10);
            if (ready < 0)
            {
                await log.WriteLineAsync("epoll_wait failed on " + epollFd);
                if (/*~ASYS1001*/Marshal.GetLastPInvokeError() == Native.EINTR)
                {
                    continue;
                }

                throw new IOException("epoll_wait failed");
            }

            for (int i = 0; i < ready; i++)
            {
                await onReadable(events[i].Fd);
            }
        }
    }
}
