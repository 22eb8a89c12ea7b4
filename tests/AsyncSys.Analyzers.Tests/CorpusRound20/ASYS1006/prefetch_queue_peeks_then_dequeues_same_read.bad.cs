// A prefetch pipeline keeps its reads in flight in a Queue<ValueTask<int>>. To check for end of file it awaits the
// oldest read through Peek, then dequeues and awaits it again to get the count. The ValueTask's source was recycled
// after the first await, so the second await observes another read's completion (or throws), and chunk lengths drift.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.ValueTasks.PrefetchQueuePeekThenDequeue;

public sealed class ReadaheadQueue(IoRing ring, int shardFd, int depth, int chunkSize)
{
    private readonly Queue<ValueTask<int>> _inFlight = new();
    private readonly Queue<byte[]> _buffers = new();
    private long _nextOffset;

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

        if (await _inFlight.Peek() == 0)
        {
            return null;
        }

        int n = /*~ASYS1006*/await _inFlight.Dequeue();
        byte[] buffer = _buffers.Dequeue();
        Fill();
        return (buffer, n);
    }
}
