// An exactly-once producer records the sequence number it has open under the id of the thread that produces, and
// removes that entry when the segment write completes. The removal runs after the await, on whichever thread resumed,
// with the first thread's id: meanwhile another produce call on the first thread has put its own sequence there, and
// that one is removed instead, so a retried batch is no longer recognised as a duplicate.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.PerThread.ProducerSequenceByThread;

public sealed class IdempotentProducer(IoRing ring, int segmentFd)
{
    private readonly ConcurrentDictionary<int, long> _openSequenceByThread = new();
    private long _nextSequence;
    private long _position;

    public bool IsOpen(long sequence) => _openSequenceByThread.Values.Contains(sequence);

    public async Task<long> ProduceAsync(ReadOnlyMemory<byte> batch, CancellationToken ct)
    {
        int thread = Environment.CurrentManagedThreadId;
        long sequence = Interlocked.Increment(ref _nextSequence);
        _openSequenceByThread[thread] = sequence;
        long offset = Interlocked.Add(ref _position, batch.Length) - batch.Length;
        try
        {
            await ring.WriteAsync(segmentFd, batch, offset, ct);
        }
        finally
        {
            _openSequenceByThread.TryRemove(/*~ASYS1002*/thread, out _);
        }

        return sequence;
    }
}
