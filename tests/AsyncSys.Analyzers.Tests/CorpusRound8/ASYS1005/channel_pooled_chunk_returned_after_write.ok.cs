using System;
using System.Buffers;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round8.Buffers.ChannelChunksOk;

internal readonly record struct Chunk(byte[] Buffer, int Length);

/// <summary>Drains a bounded channel of pooled buffers into an append-only segment file.</summary>
internal sealed class SegmentAppender(IoRing ring, int segmentFd, ChannelReader<Chunk> chunks)
{
    private long _end;

    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (await chunks.WaitToReadAsync(cancellationToken))
        {
            while (chunks.TryRead(out Chunk chunk))
            {
                var (buffer, length) = chunk;
                try
                {
                    ValueTask write = ring.WriteAsync(segmentFd, buffer.AsMemory(0, length), _end, cancellationToken);
                    _end += length;
                    await write;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
    }
}
