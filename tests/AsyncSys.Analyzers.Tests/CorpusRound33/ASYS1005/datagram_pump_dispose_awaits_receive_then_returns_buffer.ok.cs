// The datagram pump's shutdown made right: it cancels, waits for the pending receive to end (cancelled or completed),
// and only then returns the buffer to the pool.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.InFlight.PumpDisposeAwaitsFirst;

public sealed class DatagramPump : IAsyncDisposable
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _rx = ArrayPool<byte>.Shared.Rent(2048);
    private Task<int> _pending;

    public DatagramPump(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
        _pending = ring.ReceiveAsync(fd, _rx, MessageFlags.None, _stop.Token).AsTask();
    }

    public async Task<byte[]> NextAsync()
    {
        int n = await _pending;
        byte[] datagram = _rx.AsSpan(0, n).ToArray();
        _pending = _ring.ReceiveAsync(_fd, _rx, MessageFlags.None, _stop.Token).AsTask();
        return datagram;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            await _pending;
        }
        catch (OperationCanceledException)
        {
        }

        ArrayPool<byte>.Shared.Return(_rx);

        _stop.Dispose();
    }
}
