// A Kestrel-style transport declares its reply lease before an await using send tracker, but the tracker's DisposeAsync only forgets the sends it holds, so the lease is disposed while the tracked send still reads it.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.TransportTrackerBad;

internal sealed class SendTracker : IAsyncDisposable
{
    private readonly List<Task<int>> _inFlight = new();

    public void Track(ValueTask<int> send) => _inFlight.Add(send.AsTask());

    public ValueTask DisposeAsync()
    {
        _inFlight.Clear();
        return ValueTask.CompletedTask;
    }
}

internal sealed class ReplyTransport(IoRing ring, int socket)
{
    public async Task WriteReplyAsync(string reply, CancellationToken ct)
    {
        /*~ASYS1005*/using IMemoryOwner<byte> lease = MemoryPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(reply.Length));
        await using var tracker = new SendTracker();
        int n = Encoding.UTF8.GetBytes(reply, lease.Memory.Span);
        tracker.Track(ring.SendAsync(socket, lease.Memory[..n], MessageFlags.None, ct));
    }
}
