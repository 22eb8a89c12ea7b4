// The same epoll readiness loop, made right: errno is kept in a local right after epoll_wait fails, before the log
// line is awaited, so EINTR and a real error are told apart on the thread that made the call.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Round33.Errno.EpollLoopErrnoKept;

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
                int errno = Marshal.GetLastPInvokeError();
                await log.WriteLineAsync("epoll_wait failed on " + epollFd + ": errno " + errno);
                if (errno == Native.EINTR)
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
