// A bounded prefetcher: a SemaphoreSlim caps the reads in flight, each read is awaited before anything else, and the
// catch that returns the buffer runs only after the awaited read has ended (completed, failed or cancelled).
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.InFlight.PrefetchBoundedCatchAfterAwait;

public readonly record struct Chunk(byte[] Buffer, int Length);

public sealed class Prefetcher(IoRing ring, int shardFd, ChannelWriter<Chunk> output, int maxInFlight)
{
    private readonly SemaphoreSlim _slots = new(maxInFlight, maxInFlight);

    public async Task PrefetchOneAsync(long offset, int size, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
        int n;
        try
        {
            n = await ring.ReadAsync(shardFd, buffer.AsMemory(0, size), offset, ct);
        }
        catch (Exception)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        finally
        {
            _slots.Release();
        }

        await output.WriteAsync(new Chunk(buffer, n), ct);
    }
}
