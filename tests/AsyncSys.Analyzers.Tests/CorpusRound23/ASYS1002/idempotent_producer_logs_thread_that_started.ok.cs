// The producer keys open sequences by the sequence itself; the starting thread id is kept only for a log line after
// the write, which is formatting, not a use as "this thread".
using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.PerThread.ProducerLogsThread;

public sealed class IdempotentProducer(IoRing ring, int segmentFd, TextWriter log)
{
    private readonly ConcurrentDictionary<long, long> _openSequences = new();
    private long _nextSequence;
    private long _position;

    public async Task<long> ProduceAsync(ReadOnlyMemory<byte> batch, CancellationToken ct)
    {
        int startedOn = Environment.CurrentManagedThreadId;
        long sequence = Interlocked.Increment(ref _nextSequence);
        long offset = Interlocked.Add(ref _position, batch.Length) - batch.Length;
        _openSequences[sequence] = offset;
        try
        {
            await ring.WriteAsync(segmentFd, batch, offset, ct);
        }
        finally
        {
            _openSequences.TryRemove(sequence, out _);
        }

        log.WriteLine($"sequence {sequence} at {offset} (started on thread {startedOn})");
        return sequence;
    }
}
