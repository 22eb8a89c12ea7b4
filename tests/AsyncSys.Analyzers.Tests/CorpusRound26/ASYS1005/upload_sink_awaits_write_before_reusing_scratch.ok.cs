// The upload sink made right: the previous file write is awaited before the next chunk is copied into the scratch array
// (the pipe read still overlaps the write), and the array goes back to the pool only after the last write has ended.
using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.InFlight.UploadSinkAwaitsWrite;

public sealed class UploadSink(IoRing ring, int fileFd)
{
    public async Task<long> CopyBodyAsync(PipeReader body, CancellationToken ct)
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(64 * 1024);
        long offset = 0;
        Task pending = Task.CompletedTask;
        try
        {
            while (true)
            {
                ReadResult result = await body.ReadAsync(ct);
                ReadOnlySequence<byte> buffer = result.Buffer;
                int n = (int)Math.Min(buffer.Length, scratch.Length);

                await pending;
                buffer.Slice(0, n).CopyTo(scratch);
                body.AdvanceTo(buffer.GetPosition(n));
                pending = ring.WriteAsync(fileFd, scratch.AsMemory(0, n), offset, ct).AsTask();
                offset += n;

                if (result.IsCompleted && n == buffer.Length)
                {
                    break;
                }
            }

            await pending;
            return offset;
        }
        finally
        {
            // Also when the pipe read throws: the write still running must end before its array goes back.
            await pending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
