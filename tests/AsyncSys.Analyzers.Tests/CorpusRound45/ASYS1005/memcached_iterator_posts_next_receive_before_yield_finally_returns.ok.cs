// A Memcached binary-protocol reader, an async iterator, posts the next header receive into the other half of its pooled array before yielding the current one; its finally cancels and awaits a receive still posted before it returns the array.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.MemcachedIteratorOk;

internal sealed class MemcachedHeaderReader(IoRing ring, int socket)
{
    private const int HeaderSize = 24;

    public async IAsyncEnumerable<int> ReadBodyLengthsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(2 * HeaderSize);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ValueTask<int> pending = default;
        bool posted = false;
        try
        {
            int current = 0;
            int n = await ring.ReceiveAsync(socket, buffer.AsMemory(current, HeaderSize), MessageFlags.WaitAll, stop.Token).ConfigureAwait(false);
            while (n == HeaderSize)
            {
                int next = HeaderSize - current;
                pending = ring.ReceiveAsync(socket, buffer.AsMemory(next, HeaderSize), MessageFlags.WaitAll, stop.Token);
                posted = true;
                yield return BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(current + 8, 4));
                posted = false;
                n = await pending.ConfigureAwait(false);
                current = next;
            }
        }
        finally
        {
            if (posted)
            {
                stop.Cancel();
                try
                {
                    await pending.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }

            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
