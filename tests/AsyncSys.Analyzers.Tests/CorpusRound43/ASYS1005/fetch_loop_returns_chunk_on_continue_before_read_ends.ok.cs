// A broker's fetch loop rents a chunk per request inside the loop and starts the segment pread; when the consumer's session has expired it waits for the pread before returning the chunk and continuing.
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Broker.Fetch;

public readonly record struct FetchRequest(int Session, int SegmentFd, long Position, int MaxBytes);

public sealed class FetchLoop
{
    private readonly IoRing _ring;
    private readonly HashSet<int> _liveSessions;

    public FetchLoop(IoRing ring, HashSet<int> liveSessions)
    {
        _ring = ring;
        _liveSessions = liveSessions;
    }

    public async Task<long> ServeAsync(IReadOnlyList<FetchRequest> requests, Func<int, ReadOnlyMemory<byte>, Task> reply, CancellationToken ct)
    {
        long served = 0;
        foreach (FetchRequest request in requests)
        {
            byte[] chunk = ArrayPool<byte>.Shared.Rent(request.MaxBytes);
            ValueTask<int> read = _ring.ReadAsync(request.SegmentFd, chunk.AsMemory(0, request.MaxBytes), request.Position, ct);
            if (!_liveSessions.Contains(request.Session))
            {
                try
                {
                    await read;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(chunk);
                }

                continue;
            }

            try
            {
                int n = await read;
                await reply(request.Session, chunk.AsMemory(0, n));
                served += n;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }

        return served;
    }
}
