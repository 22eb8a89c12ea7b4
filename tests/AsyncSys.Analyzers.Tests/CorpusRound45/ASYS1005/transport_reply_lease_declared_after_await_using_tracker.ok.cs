// A Kestrel-style transport declares its pooled reply lease before the await using tracker that waits for tracked sends, so at the end of the scope the tracker waits for the send before the lease is disposed.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.TransportLeaseOrderOk;

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
        using IMemoryOwner<byte> lease = MemoryPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(reply.Length));
        await using var tracker = new SendTracker();
        int n = Encoding.UTF8.GetBytes(reply, lease.Memory.Span);
        tracker.Track(ring.SendAsync(socket, lease.Memory[..n], MessageFlags.None, ct));
    }
}
