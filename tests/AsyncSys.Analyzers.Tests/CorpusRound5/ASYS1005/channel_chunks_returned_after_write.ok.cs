using System;
using System.Buffers;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.InFlight.ChannelChunksOk;

internal readonly record struct Chunk(byte[] Buffer, int Length, long Offset);

internal sealed class FileSink(IoRing ring, int fd, ChannelReader<Chunk> chunks)
{
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        await foreach (var (buffer, length, offset) in chunks.ReadAllAsync(cancellationToken))
        {
            try
            {
                await ring.WriteAsync(fd, buffer.AsMemory(0, length), offset, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);   // the write has ended, one way or another
            }
        }
    }
}
