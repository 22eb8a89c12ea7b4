// A checkpoint stops the background scrubber by cancelling every operation on the ring (CancelAll) and immediately
// returns the scrubber's pooled read buffer, then waits for the cancelled read to finish. A cancelled read keeps its
// buffer until its completion arrives (the kernel may already be copying data): the buffer rented next by the
// checkpoint writer is overwritten with scrubbed bytes, and the checkpoint image is corrupt.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.InFlight.CheckpointCancelAllReturn;

public sealed class ScrubPass(IoRing ring)
{
    public async Task<int> ReadOrStopAsync(int tableFd, long offset, Func<bool> checkpointRequested, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        ValueTask<int> read = ring.ReadAsync(tableFd, buffer, offset, ct);
        if (checkpointRequested())
        {
            ring.CancelAll();
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
            try
            {
                await read;
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        }

        int n = await read;
        ArrayPool<byte>.Shared.Return(buffer);
        return n;
    }
}
