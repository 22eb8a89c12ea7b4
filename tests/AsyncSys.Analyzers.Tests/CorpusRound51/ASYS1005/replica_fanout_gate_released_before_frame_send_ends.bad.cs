// A replicator fans a page out to every follower with Task.WhenAll; each send stages the page in the replicator's one frame field under a one-permit SemaphoreSlim, but the permit is released in a `finally` right after the send starts, so the next follower's staging overwrites the frame this send is still reading.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.ReplicaGateBad;

internal sealed class PageReplicator(IoRing ring) : IDisposable
{
    private const int HeaderSize = 8;
    private readonly SemaphoreSlim _frameGate = new(1, 1);
    private readonly byte[] _frame = new byte[HeaderSize + 16384];

    public Task ReplicateAsync(long pageNumber, ReadOnlyMemory<byte> page, IReadOnlyList<int> followers, CancellationToken ct)
    {
        var sends = new List<Task>(followers.Count);
        foreach (int follower in followers)
        {
            sends.Add(SendPageAsync(follower, pageNumber, page, ct));
        }

        return Task.WhenAll(sends);
    }

    private async Task SendPageAsync(int follower, long pageNumber, ReadOnlyMemory<byte> page, CancellationToken ct)
    {
        await _frameGate.WaitAsync(ct).ConfigureAwait(false);
        ValueTask<int> send;
        try
        {
            BinaryPrimitives.WriteInt64BigEndian(_frame, pageNumber);
            page.Span.CopyTo(_frame.AsSpan(HeaderSize));
            send = ring.SendAsync(follower, _frame.AsMemory(0, HeaderSize + page.Length), MessageFlags.NoSignal, ct);
        }
        finally
        {
            /*~ASYS1005*/_frameGate.Release();
        }

        await send.ConfigureAwait(false);
    }

    public void Dispose() => _frameGate.Dispose();
}
