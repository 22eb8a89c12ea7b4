using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round9.Buffers.LeafPrefetchOk;

/// <summary>A B-tree range scan starts one read per leaf page into pooled buffers; the buffers go back only when every read has ended.</summary>
internal sealed class LeafPrefetcher(IoRing ring, int fd, int pageSize)
{
    public async Task<int> ScanAsync(long firstPage, int count, Action<long, ReadOnlyMemory<byte>> visit, CancellationToken cancellationToken)
    {
        var buffers = new byte[count][];
        var reads = new Task<int>[count];
        for (int i = 0; i < count; i++)
        {
            buffers[i] = ArrayPool<byte>.Shared.Rent(pageSize);
            reads[i] = ring.ReadAsync(fd, buffers[i].AsMemory(0, pageSize), (firstPage + i) * pageSize, cancellationToken).AsTask();
        }

        int visited = 0;
        try
        {
            int[] lengths = await Task.WhenAll(reads);   // ends only when all have ended, also when one failed
            for (int i = 0; i < count; i++)
            {
                visit(firstPage + i, buffers[i].AsMemory(0, lengths[i]));
                visited++;
            }
        }
        finally
        {
            foreach (byte[] buffer in buffers)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return visited;
    }
}
