// The scrubber stop made right: after CancelAll the cancelled read is awaited (its cancellation swallowed) and only
// then is the pooled buffer returned, in a finally that runs after the read's completion on every path.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.InFlight.CheckpointCancelAllAwaitFirst;

public sealed class ScrubPass(IoRing ring)
{
    public async Task<int> ReadOrStopAsync(int tableFd, long offset, Func<bool> checkpointRequested, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            ValueTask<int> read = ring.ReadAsync(tableFd, buffer, offset, ct);
            if (checkpointRequested())
            {
                ring.CancelAll();
                try
                {
                    await read;
                }
                catch (OperationCanceledException)
                {
                }

                return 0;
            }

            return await read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
