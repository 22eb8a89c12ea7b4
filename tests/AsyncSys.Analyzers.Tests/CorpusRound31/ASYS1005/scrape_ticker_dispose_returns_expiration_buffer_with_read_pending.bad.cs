// A scraper's ticker keeps a timerfd read posted between ticks, into an 8-byte buffer rented from the pool. Dispose
// cancels the read and returns the buffer right away: cancellation is only a request, the read may still complete with
// an expiration count, written into an array the pool has handed to someone else.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.InFlight.ScrapeTickerDisposeReturns;

public sealed class ScrapeTicker(IoRing ring, int timerFd) : IDisposable
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

    public void Dispose()
    {
        _stop.Cancel();
        /*~ASYS1005*/ArrayPool<byte>.Shared.Return(_expirations);
        _stop.Dispose();
    }
}
