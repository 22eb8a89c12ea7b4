// A Redis-style pub/sub subscriber keeps one receive posted into a pooled inbox (started in Start, its task kept in a
// field). CloseAsync cancels, waits for the receive's own completion (ECANCELED or a last message), and only then
// returns the inbox to the pool.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.InFlight.RedisSubscriberCloseAsync;

public sealed class Subscriber(IoRing ring, int fd)
{
    private readonly byte[] _inbox = ArrayPool<byte>.Shared.Rent(32 * 1024);
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _pending;

    public void Start() => _pending = ring.ReceiveAsync(fd, _inbox, MessageFlags.None, _stop.Token).AsTask();

    public async Task CloseAsync()
    {
        _stop.Cancel();
        if (_pending is not null)
        {
            try
            {
                await _pending;
            }
            catch (OperationCanceledException)
            {
            }
        }

        ArrayPool<byte>.Shared.Return(_inbox);
    }
}
