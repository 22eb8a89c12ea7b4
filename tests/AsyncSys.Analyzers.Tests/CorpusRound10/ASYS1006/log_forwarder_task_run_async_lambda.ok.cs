using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.Unobserved.LogForwarderOk;

/// <summary>
/// A log shipper forwards batches to a collector over a connected TCP socket. The send is started on the thread pool
/// so a caller on a UI or single-threaded context never runs ring completions inline.
/// </summary>
internal sealed class LogForwarder(IoRing ring, int collectorFd)
{
    private long _forwarded;

    public long Forwarded => Interlocked.Read(ref _forwarded);

    public async Task ForwardAsync(ReadOnlyMemory<byte> batch, CancellationToken cancellationToken)
    {
        int sent = await Task.Run(async () => await ring.SendAsync(collectorFd, batch, MessageFlags.None, cancellationToken), cancellationToken);
        Interlocked.Add(ref _forwarded, sent);
    }
}
