// The upload worker awaits the send before returning the compressed payload to its pool.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.InFlight.UploaderReturnAfterSend;

public sealed class UploadWorker(IoRing ring, int socketFd)
{
    private readonly ArrayPool<byte> _pool = ArrayPool<byte>.Create(1 << 20, 16);

    public async Task<int> UploadAsync(ReadOnlyMemory<byte> records, CancellationToken ct)
    {
        byte[] payload = _pool.Rent(records.Length + 64);
        try
        {
            int length = Compress(records.Span, payload);
            return await ring.SendAsync(socketFd, payload.AsMemory(0, length), MessageFlags.None, ct);
        }
        finally
        {
            _pool.Return(payload);
        }
    }

    private static int Compress(ReadOnlySpan<byte> source, byte[] destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }
}
