// The same pipeline dequeuing the oldest read once and awaiting it once; Peek only checks whether it has completed.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.ValueTasks.PrefetchQueueDequeueOnce;

public sealed class ReadaheadQueue(IoRing ring, int shardFd, int depth, int chunkSize)
{
    private readonly Queue<ValueTask<int>> _inFlight = new();
    private readonly Queue<byte[]> _buffers = new();
    private long _nextOffset;

    public bool HeadReady => _inFlight.Count > 0 && _inFlight.Peek().IsCompleted;

    public void Fill()
    {
        while (_inFlight.Count < depth)
        {
            byte[] buffer = GC.AllocateUninitializedArray<byte>(chunkSize, pinned: true);
            _buffers.Enqueue(buffer);
            _inFlight.Enqueue(ring.ReadAsync(shardFd, buffer, _nextOffset));
            _nextOffset += chunkSize;
        }
    }

    public async Task<(byte[] Buffer, int Length)?> NextAsync(CancellationToken ct)
    {
        if (_inFlight.Count == 0)
        {
            return null;
        }

        int n = await _inFlight.Dequeue();
        byte[] buffer = _buffers.Dequeue();
        if (n == 0)
        {
            return null;
        }

        Fill();
        return (buffer, n);
    }
}
