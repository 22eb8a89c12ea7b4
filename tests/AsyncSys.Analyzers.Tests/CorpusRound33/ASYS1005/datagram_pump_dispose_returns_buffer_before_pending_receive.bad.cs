// A datagram pump keeps one receive posted into a pooled buffer (started in the constructor, re-armed after each
// datagram). On shutdown it cancels, returns the buffer to the pool and only then waits for the pending receive.
// Cancellation is a request: a datagram that arrives first still lands in the array, which the pool has already handed
// to the snapshot encoder, corrupting a snapshot sent to every player.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.InFlight.PumpDisposeReturnsFirst;

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
        /*~ASYS1005*/ArrayPool<byte>.Shared.Return(_rx);
        try
        {
            await _pending;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
