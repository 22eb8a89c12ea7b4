// A chunked uploader's synchronous loop reused one header array field for every chunk, which was safe one chunk at a time. The port runs the chunks with Parallel.ForEachAsync, and each body stamps the shared header and awaits its ring write of it: while one body's write still reads the header, another body overwrites it, so chunks land on disk with each other's headers.
using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.ParallelHeaderFieldBad;

internal readonly record struct Chunk(long Offset, ReadOnlyMemory<byte> Data);

internal sealed class ChunkWriter(IoRing ring, int fd)
{
    private readonly byte[] _header = new byte[16];

    public async Task WriteAllAsync(IEnumerable<Chunk> chunks, CancellationToken ct)
    {
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (chunk, token) =>
        {
            /*~ASYS1005*/BinaryPrimitives.WriteInt64LittleEndian(_header, chunk.Data.Length);
            await ring.WriteAsync(fd, _header, chunk.Offset, token).ConfigureAwait(false);
            await ring.WriteAsync(fd, chunk.Data, chunk.Offset + _header.Length, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
