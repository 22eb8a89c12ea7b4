// The eventfd counter is read into a small array the ring pins.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Counter
{
    public static ValueTask<int> ReadCounterAsync(IoRing ring, int eventFd, byte[] value, CancellationToken cancellationToken)
    {
        return ring.SubmitAsync(RingRequest.Read(eventFd, value.AsMemory(0, 8), 0), cancellationToken);
    }
}
