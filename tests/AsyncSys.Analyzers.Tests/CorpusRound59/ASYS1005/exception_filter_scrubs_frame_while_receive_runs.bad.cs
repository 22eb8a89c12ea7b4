// A session's receive path starts the ring receive into its frame array, then renews its lease with the coordinator before awaiting. The catch has an exception filter that wipes the frame (the session's secrets must not linger after a failure) and returns false so the exception goes on. When the lease renewal throws, the filter runs at once, before any handler and before the receive has ended: it clears the array the kernel is still writing the next frame into.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.FilterScrubsFrameBad;

internal interface ILeaseCoordinator
{
    void Renew(int sessionId);
}

internal sealed class Session(IoRing ring, int socketFd, int sessionId, ILeaseCoordinator coordinator)
{
    private readonly byte[] _frame = new byte[4096];

    public async Task<int> ReceiveFrameAsync(CancellationToken ct)
    {
        ValueTask<int> receive = ring.ReceiveAsync(socketFd, _frame, MessageFlags.None, ct);
        try
        {
            coordinator.Renew(sessionId);
            return await receive.ConfigureAwait(false);
        }
        catch (Exception e) when (/*~ASYS1005*/Scrub(_frame, e))
        {
            throw new IOException("unreachable: the filter returns false");
        }
    }

    private static bool Scrub(byte[] frame, Exception e)
    {
        Array.Clear(frame);
        GC.KeepAlive(e);
        return false;
    }
}
