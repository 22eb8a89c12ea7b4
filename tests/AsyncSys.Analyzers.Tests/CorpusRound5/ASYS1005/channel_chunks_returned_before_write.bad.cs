using System;
using System.Buffers;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.InFlight.ChannelChunks;

internal readonly record struct Chunk(byte[] Buffer, int Length, long Offset);

internal sealed class FileSink(IoRing ring, int fd, ChannelReader<Chunk> chunks)
{
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        await foreach (var (buffer, length, offset) in chunks.ReadAllAsync(cancellationToken))
        {
            ValueTask write = ring.WriteAsync(fd, buffer.AsMemory(0, length), offset, cancellationToken);
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);   // the producer may rent it again while the kernel reads it
            await write;
        }
    }
}
