// A Kestrel-style transport declares its reply lease before an await using send tracker whose DisposeAsync awaits each send it holds, so the lease is disposed after the tracked send has completed.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.TransportTrackerOk;

internal sealed class SendTracker : IAsyncDisposable
{
    private readonly List<Task<int>> _inFlight = new();

    public void Track(ValueTask<int> send) => _inFlight.Add(send.AsTask());

    public async ValueTask DisposeAsync()
    {
        foreach (Task<int> send in _inFlight)
        {
            await send.ConfigureAwait(false);
        }

        _inFlight.Clear();
    }
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
