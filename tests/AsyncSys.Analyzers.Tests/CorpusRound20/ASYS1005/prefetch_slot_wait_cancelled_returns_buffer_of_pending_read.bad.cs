// A prefetcher starts the next chunk's read and then waits for room in the bounded consumer queue. When training stops
// (the token is cancelled) the wait throws and the catch returns the chunk buffer to the pool; the read, cancelled but
// not yet completed, still owns that buffer, and its late completion writes into memory another reader has rented.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.InFlight.PrefetchCancelReturnsPending;

public readonly record struct Chunk(byte[] Buffer, int Length);

public sealed class Prefetcher(IoRing ring, int shardFd, ChannelWriter<Chunk> output)
{
    public async Task PrefetchOneAsync(long offset, int size, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
        ValueTask<int> read = ring.ReadAsync(shardFd, buffer.AsMemory(0, size), offset, ct);
        try
        {
            await output.WaitToWriteAsync(ct);
        }
        catch (OperationCanceledException)
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        int n = await read;
        await output.WriteAsync(new Chunk(buffer, n), ct);
    }
}
