// An upload endpoint consumes a request body from a PipeReader and writes it to a file through the ring, overlapping
// each file write with reading the next chunk. It copies the next chunk into its one scratch array before awaiting the
// previous write: the kernel is still reading that array, so the file gets the next chunk's bytes at the previous
// chunk's offset.
using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.InFlight.UploadSinkOverwritesScratch;

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
                /*~ASYS1005*/buffer.Slice(0, n).CopyTo(scratch);
                body.AdvanceTo(buffer.GetPosition(n));

                await pending;
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
