using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.PerThread.BrokerConsumer;

/// <summary>A message broker's consumer that tracks which deliveries are being read, keyed by the reading thread.</summary>
internal sealed class PartitionConsumer(IoRing ring, int partitionFd)
{
    private readonly ConcurrentDictionary<int, long> _reading = new();

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(long from, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        byte[] frame = new byte[4096];
        long offset = from;
        while (true)
        {
            int reader = Environment.CurrentManagedThreadId;
            _reading[reader] = offset;
            int n = await ring.ReadAsync(partitionFd, frame, offset, cancellationToken);
            _reading.TryRemove(/*~ASYS1002*/reader, out _);   // removes another thread's entry, leaves this one behind
            if (n <= 0)
            {
                yield break;
            }

            offset += n;
            yield return frame.AsMemory(0, n);
        }
    }
}
