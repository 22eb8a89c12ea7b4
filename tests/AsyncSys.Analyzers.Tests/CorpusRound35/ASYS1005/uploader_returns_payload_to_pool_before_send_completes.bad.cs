// The upload worker compresses a batch into a buffer rented from its own ArrayPool, starts the send to the collector,
// and returns the buffer to the pool right away "because the bytes are queued". The send is still reading them: the
// next batch rents the same array and the collector receives a mix of two batches.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.InFlight.UploaderEarlyReturn;

public sealed class UploadWorker(IoRing ring, int socketFd)
{
    private readonly ArrayPool<byte> _pool = ArrayPool<byte>.Create(1 << 20, 16);

    public async Task<int> UploadAsync(ReadOnlyMemory<byte> records, CancellationToken ct)
    {
        byte[] payload = _pool.Rent(records.Length + 64);
        int length = Compress(records.Span, payload);
        ValueTask<int> send = ring.SendAsync(socketFd, payload.AsMemory(0, length), MessageFlags.None, ct);
        /*~ASYS1005*/_pool.Return(payload);
        return await send;
    }

    private static int Compress(ReadOnlySpan<byte> source, byte[] destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }
}
