// The event loop's waker made right: WakeAsync awaits the eventfd write, so a failed wake surfaces to the producer
// (which re-arms and retries) instead of being lost.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.Discarded.EventLoopWakerAwaitsWrite;

public sealed class LoopWaker(IoRing ring, int eventFd)
{
    private static readonly byte[] s_one = BitConverter.GetBytes(1UL);
    private int _armed = 1;

    public async ValueTask WakeAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            try
            {
                await ring.WriteAsync(eventFd, s_one, 0, ct);
            }
            catch (ErrnoException)
            {
                Rearm();
                throw;
            }
        }
    }

    public void Rearm() => Volatile.Write(ref _armed, 1);
}
