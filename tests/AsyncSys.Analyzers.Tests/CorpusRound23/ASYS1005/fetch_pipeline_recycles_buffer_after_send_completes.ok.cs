// The same pipeline made right: the send stage puts the buffer back on the free list only after the send completed.
using System;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.InFlight.PipelineRecyclesAfterSend;

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
            try
            {
                await ring.SendAsync(socketFd, buffer.AsMemory(0, length), 0, ct);
            }
            finally
            {
                _free.Writer.TryWrite(buffer);
            }
        }
    }
}
