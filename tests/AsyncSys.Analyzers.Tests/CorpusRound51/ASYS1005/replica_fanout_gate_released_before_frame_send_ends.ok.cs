// A replicator fans a page out to every follower with Task.WhenAll; each send stages the page in the replicator's one frame field under a one-permit SemaphoreSlim and awaits the send before the `finally` releases the permit, so the next follower stages only after the frame is free.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.ReplicaGateOk;

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
        try
        {
            BinaryPrimitives.WriteInt64BigEndian(_frame, pageNumber);
            page.Span.CopyTo(_frame.AsSpan(HeaderSize));
            await ring.SendAsync(follower, _frame.AsMemory(0, HeaderSize + page.Length), MessageFlags.NoSignal, ct).ConfigureAwait(false);
        }
        finally
        {
            _frameGate.Release();
        }
    }

    public void Dispose() => _frameGate.Dispose();
}
