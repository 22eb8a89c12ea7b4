// A zero-copy fetch pipeline passes buffers between a read stage and a send stage with channels: the read stage fills
// a free buffer from the segment, the send stage sends it and puts it back on the free list. The send stage puts it
// back right after starting the send: the read stage takes it and reads the next chunk into it while the kernel still
// sends from it, and the consumer receives the next chunk's bytes twice.
using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.InFlight.PipelineRecyclesEarly;

public sealed class ZeroCopyFetchPipeline(IoRing ring, int segmentFd, int socketFd)
{
    private readonly Channel<byte[]> _free = Channel.CreateBounded<byte[]>(4);
    private readonly Channel<(byte[] Buffer, int Length)> _filled = Channel.CreateBounded<(byte[] Buffer, int Length)>(4);

    public void Seed(int buffers, int size)
    {
        for (int i = 0; i < buffers; i++)
        {
            _free.Writer.TryWrite(new byte[size]);
        }
    }

    public async Task ReadStageAsync(long position, CancellationToken ct)
    {
        await foreach (byte[] buffer in _free.Reader.ReadAllAsync(ct))
        {
            int n = await ring.ReadAsync(segmentFd, buffer, position, ct);
            if (n == 0)
            {
                break;
            }

            position += n;
            await _filled.Writer.WriteAsync((buffer, n), ct);
        }

        _filled.Writer.TryComplete();
    }

    public async Task SendStageAsync(CancellationToken ct)
    {
        await foreach (var (buffer, length) in _filled.Reader.ReadAllAsync(ct))
        {
            ValueTask<int> send = ring.SendAsync(socketFd, buffer.AsMemory(0, length), 0, ct);
            /*~ASYS1005*/_free.Writer.TryWrite(buffer);
            await send;
        }
    }
}
