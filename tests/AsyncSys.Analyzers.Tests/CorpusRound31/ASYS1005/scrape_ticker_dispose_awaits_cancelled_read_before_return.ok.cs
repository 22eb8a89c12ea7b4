// The scraper's ticker made right: DisposeAsync cancels the posted timerfd read and awaits it (its cancellation is
// expected) before the expiration buffer goes back to the pool, so no completion can write into it afterwards.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.InFlight.ScrapeTickerDisposeAwaits;

public sealed class ScrapeTicker(IoRing ring, int timerFd) : IAsyncDisposable
{
    private readonly byte[] _expirations = ArrayPool<byte>.Shared.Rent(8);
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _tick;

    public void Start() => _tick = ring.ReadAsync(timerFd, _expirations.AsMemory(0, 8), 0, _stop.Token).AsTask();

    public async Task<ulong> NextAsync()
    {
        await _tick!;
        ulong expirations = BinaryPrimitives.ReadUInt64LittleEndian(_expirations);
        Start();
        return expirations;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_tick is not null)
        {
            try
            {
                await _tick;
            }
            catch (OperationCanceledException)
            {
            }
        }

        ArrayPool<byte>.Shared.Return(_expirations);
        _stop.Dispose();
    }
}
