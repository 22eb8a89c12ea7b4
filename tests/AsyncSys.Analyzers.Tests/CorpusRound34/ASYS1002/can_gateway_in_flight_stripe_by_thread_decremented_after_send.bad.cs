// A CAN-to-MQTT gateway counts frames in flight per stripe, picking the stripe from the sending thread's id to spread
// contention, with plain ++ and --. The send is awaited: the decrement runs on another thread, whose stripe may be
// incremented by a sender running there at the same moment, and the plain -- loses one of the two updates.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.ThreadState.CanGatewayStripe;

public sealed class CanForwarder(IoRing ring, int canSocket)
{
    private readonly long[] _inFlight = new long[8 * 8];

    public async Task<int> ForwardAsync(byte[] frame, CancellationToken ct)
    {
        int stripe = (Environment.CurrentManagedThreadId & 7) * 8;
        _inFlight[stripe]++;
        try
        {
            return await ring.SendAsync(canSocket, frame, MessageFlags.None, ct);
        }
        finally
        {
            /*~ASYS1002*/_inFlight[stripe]--;
        }
    }
}
