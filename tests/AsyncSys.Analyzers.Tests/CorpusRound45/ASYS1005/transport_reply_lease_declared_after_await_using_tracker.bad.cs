// A Kestrel-style transport declares its pooled reply lease after the await using tracker that waits for tracked sends, so at the end of the scope the lease is disposed first, while the tracked send still reads it.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.TransportLeaseOrderBad;

internal sealed class SendTracker : IAsyncDisposable
{
    private readonly List<Task<int>> _inFlight = new();

    public void Track(ValueTask<int> send) => _inFlight.Add(send.AsTask());

    public async ValueTask DisposeAsync() => await Task.WhenAll(_inFlight).ConfigureAwait(false);
}

internal sealed class ReplyTransport(IoRing ring, int socket)
{
    public async Task WriteReplyAsync(string reply, CancellationToken ct)
    {
        await using var tracker = new SendTracker();
        /*~ASYS1005*/using IMemoryOwner<byte> lease = MemoryPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(reply.Length));
        int n = Encoding.UTF8.GetBytes(reply, lease.Memory.Span);
        tracker.Track(ring.SendAsync(socket, lease.Memory[..n], MessageFlags.None, ct));
    }
}
