using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.Unobserved.LogForwarder;

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
        // Task.Run picks Func<ValueTask<int>>: awaiting the Task yields the send's ValueTask, which is dropped here,
        // so the batch is counted (and the caller reuses it) while the kernel may still be sending it.
        await Task.Run(() => /*~ASYS1006*/ring.SendAsync(collectorFd, batch, MessageFlags.None, cancellationToken), cancellationToken);
        Interlocked.Add(ref _forwarded, batch.Length);
    }
}
