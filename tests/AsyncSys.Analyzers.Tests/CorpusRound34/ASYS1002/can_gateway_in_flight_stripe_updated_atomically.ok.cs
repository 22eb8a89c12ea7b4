// The CAN-to-MQTT gateway made right: the thread id only picks a stripe, and both updates are atomic, so it does not
// matter which thread the decrement runs on.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ThreadState.CanGatewayStripeAtomic;

public sealed class CanForwarder(IoRing ring, int canSocket)
{
    private readonly long[] _inFlight = new long[8 * 8];

    public async Task<int> ForwardAsync(byte[] frame, CancellationToken ct)
    {
        int stripe = (Environment.CurrentManagedThreadId & 7) * 8;
        Interlocked.Increment(ref _inFlight[stripe]);
        try
        {
            return await ring.SendAsync(canSocket, frame, MessageFlags.None, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight[stripe]);
        }
    }
}
