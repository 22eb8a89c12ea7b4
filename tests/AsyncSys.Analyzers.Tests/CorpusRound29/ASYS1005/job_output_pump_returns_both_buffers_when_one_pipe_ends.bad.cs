// A job runner pumps a child's stdout and stderr pipes concurrently into one log: a read is kept pending on each pipe,
// Task.WhenAny picks whichever has data, and the finished one is restarted. When one pipe reaches end of file (the child
// closed stdout but still writes to stderr, or the reverse) the loop ends and both pooled buffers go back to the pool,
// while the other pipe's read is still pending: the next renter's data is overwritten by the child's late output.
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.InFlight.OutputPumpReturnsBothBuffers;

public sealed class ChildOutputPump(IoRing ring, Stream log)
{
    public async Task PumpAsync(int stdoutFd, int stderrFd, CancellationToken ct)
    {
        byte[] outBuffer = ArrayPool<byte>.Shared.Rent(4096);
        byte[] errBuffer = ArrayPool<byte>.Shared.Rent(4096);
        Task<int> outRead = ring.ReadAsync(stdoutFd, outBuffer, ct).AsTask();
        Task<int> errRead = ring.ReadAsync(stderrFd, errBuffer, ct).AsTask();
        while (true)
        {
            Task<int> done = await Task.WhenAny(outRead, errRead);
            int n = await done;
            if (n <= 0)
            {
                break;
            }

            if (done == outRead)
            {
                await log.WriteAsync(outBuffer.AsMemory(0, n), ct);
                outRead = ring.ReadAsync(stdoutFd, outBuffer, ct).AsTask();
            }
            else
            {
                await log.WriteAsync(errBuffer.AsMemory(0, n), ct);
                errRead = ring.ReadAsync(stderrFd, errBuffer, ct).AsTask();
            }
        }

        /*~ASYS1005*/ArrayPool<byte>.Shared.Return(outBuffer);
        /*~ASYS1005*/ArrayPool<byte>.Shared.Return(errBuffer);
    }
}
