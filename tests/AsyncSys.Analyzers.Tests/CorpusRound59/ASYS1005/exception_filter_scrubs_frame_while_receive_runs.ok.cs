// The session renews its lease before starting the receive, so the only exception the filter can see inside the try is the awaited receive's own, and by then the kernel has stopped writing the frame it wipes.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus59.FilterScrubsFrameOk;

internal interface ILeaseCoordinator
{
    void Renew(int sessionId);
}

internal sealed class Session(IoRing ring, int socketFd, int sessionId, ILeaseCoordinator coordinator)
{
    private readonly byte[] _frame = new byte[4096];

    public async Task<int> ReceiveFrameAsync(CancellationToken ct)
    {
        coordinator.Renew(sessionId);
        try
        {
            return await ring.ReceiveAsync(socketFd, _frame, MessageFlags.None, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (Scrub(_frame, e))
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
