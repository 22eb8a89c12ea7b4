// A Memcached binary-protocol reader, an async iterator, posts the next header receive into the other half of its pooled array before yielding the current one; a consumer that stops early runs the finally, which returns the array with that receive posted.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.MemcachedIteratorBad;

internal sealed class MemcachedHeaderReader(IoRing ring, int socket)
{
    private const int HeaderSize = 24;

    public async IAsyncEnumerable<int> ReadBodyLengthsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(2 * HeaderSize);
        try
        {
            int current = 0;
            int n = await ring.ReceiveAsync(socket, buffer.AsMemory(current, HeaderSize), MessageFlags.WaitAll, ct).ConfigureAwait(false);
            while (n == HeaderSize)
            {
                int next = HeaderSize - current;
                ValueTask<int> pending = ring.ReceiveAsync(socket, buffer.AsMemory(next, HeaderSize), MessageFlags.WaitAll, ct);
                yield return BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(current + 8, 4));
                n = await pending.ConfigureAwait(false);
                current = next;
            }
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
