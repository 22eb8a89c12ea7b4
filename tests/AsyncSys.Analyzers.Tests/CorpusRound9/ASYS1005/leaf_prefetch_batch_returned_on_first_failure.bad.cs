using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Buffers.LeafPrefetch;

/// <summary>A B-tree range scan starts one read per leaf page into pooled buffers, then visits them in order.</summary>
internal sealed class LeafPrefetcher(IoRing ring, int fd, int pageSize)
{
    public async Task<int> ScanAsync(long firstPage, int count, Action<long, ReadOnlyMemory<byte>> visit, CancellationToken cancellationToken)
    {
        var batch = new (byte[] Buffer, ValueTask<int> Read)[count];
        for (int i = 0; i < count; i++)
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(pageSize);
            batch[i] = (buffer, ring.ReadAsync(fd, buffer.AsMemory(0, pageSize), (firstPage + i) * pageSize, cancellationToken));
        }

        int visited = 0;
        try
        {
            foreach (var (buffer, read) in batch)
            {
                int n = await read;   // a failed read throws here, with the reads after it still running
                visit(firstPage + visited, buffer.AsMemory(0, n));
                visited++;
            }
        }
        finally
        {
            foreach (var (buffer, _) in batch)
            {
                /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);   // the kernel may still be filling it for the next renter
            }
        }

        return visited;
    }
}
