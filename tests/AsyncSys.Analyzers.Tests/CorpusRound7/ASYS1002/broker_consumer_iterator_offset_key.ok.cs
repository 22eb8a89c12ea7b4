using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.PerThread.BrokerConsumerOk;

/// <summary>A message broker's consumer that tracks which deliveries are being read, keyed by a per-consumer ticket.</summary>
internal sealed class PartitionConsumer(IoRing ring, int partitionFd)
{
    private static long s_nextTicket;
    private readonly ConcurrentDictionary<long, long> _reading = new();

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(long from, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        byte[] frame = new byte[4096];
        long offset = from;
        long ticket = Interlocked.Increment(ref s_nextTicket);
        while (true)
        {
            _reading[ticket] = offset;
            int n = await ring.ReadAsync(partitionFd, frame, offset, cancellationToken);
            _reading.TryRemove(ticket, out _);
            if (n <= 0)
            {
                yield break;
            }

            offset += n;
            yield return frame.AsMemory(0, n);
        }
    }
}
