// To overlap parsing with I/O the tailer posts each chunk buffer to the parser's channel as soon as the read is started
// and only then awaits the read. The parser runs at the same time and splits lines out of a buffer the kernel is still
// filling: it ships truncated or stale lines.
using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.InFlight.ChunkPublishedEarly;

public sealed class OverlappedTailer(IoRing ring, int fd)
{
    private readonly Channel<byte[]> _chunks = Channel.CreateBounded<byte[]>(4);

    public ChannelReader<byte[]> Chunks => _chunks.Reader;

    public async Task<int> ReadNextAsync(long offset, CancellationToken ct)
    {
        byte[] chunk = new byte[64 * 1024];
        ValueTask<int> read = ring.ReadAsync(fd, chunk, offset, ct);
        /*~ASYS1005*/_chunks.Writer.TryWrite(chunk);
        return await read;
    }
}
