// A chunked uploader ported to Parallel.ForEachAsync gives each body its own header array, so concurrent bodies never write a header another body's ring write is still reading.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.ParallelHeaderFieldOk;

internal readonly record struct Chunk(long Offset, ReadOnlyMemory<byte> Data);

internal sealed class ChunkWriter(IoRing ring, int fd)
{
    private const int HeaderSize = 16;

    public async Task WriteAllAsync(IEnumerable<Chunk> chunks, CancellationToken ct)
    {
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (chunk, token) =>
        {
            byte[] header = new byte[HeaderSize];
            BinaryPrimitives.WriteInt64LittleEndian(header, chunk.Data.Length);
            await ring.WriteAsync(fd, header, chunk.Offset, token).ConfigureAwait(false);
            await ring.WriteAsync(fd, chunk.Data, chunk.Offset + HeaderSize, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
