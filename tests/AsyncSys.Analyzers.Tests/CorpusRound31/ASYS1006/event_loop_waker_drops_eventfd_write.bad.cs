// An agent's event loop sleeps on an eventfd; producers wake it by writing 1 to the eventfd through the ring. Wake
// starts the write and drops its ValueTask: a failed write (EBADF after the loop closed the fd, EAGAIN at the counter's
// limit) is never seen, so the producer believes the loop was woken and its queued config change waits for the next
// unrelated event.
using System;
using System.Threading;
using AsyncSys;

namespace Round31.Discarded.EventLoopWakerDropsWrite;

public sealed class LoopWaker(IoRing ring, int eventFd)
{
    private static readonly byte[] s_one = BitConverter.GetBytes(1UL);
    private int _armed = 1;

    public void Wake()
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            /*~ASYS1006*/ring.WriteAsync(eventFd, s_one, 0);
        }
    }

    public void Rearm() => Volatile.Write(ref _armed, 1);
}
