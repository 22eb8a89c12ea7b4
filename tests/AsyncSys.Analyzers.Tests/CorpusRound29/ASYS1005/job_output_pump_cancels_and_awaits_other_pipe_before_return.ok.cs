// A job runner pumps stdout and stderr with one pending read per pipe and Task.WhenAny, and when one pipe ends it cancels
// the other read and awaits both (their failures or cancellations logged) before the two pooled buffers go back to the
// pool: neither read is in flight when they are returned.
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.InFlight.OutputPumpCancelsOther;

public sealed class ChildOutputPump(IoRing ring, Stream log, TextWriter diagnostics)
{
    public async Task PumpAsync(int stdoutFd, int stderrFd, CancellationToken ct)
    {
        byte[] outBuffer = ArrayPool<byte>.Shared.Rent(4096);
        byte[] errBuffer = ArrayPool<byte>.Shared.Rent(4096);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<int> outRead = ring.ReadAsync(stdoutFd, outBuffer, stop.Token).AsTask();
        Task<int> errRead = ring.ReadAsync(stderrFd, errBuffer, stop.Token).AsTask();
        try
        {
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
                    outRead = ring.ReadAsync(stdoutFd, outBuffer, stop.Token).AsTask();
                }
                else
                {
                    await log.WriteAsync(errBuffer.AsMemory(0, n), ct);
                    errRead = ring.ReadAsync(stderrFd, errBuffer, stop.Token).AsTask();
                }
            }
        }
        finally
        {
            stop.Cancel();
            try
            {
                await Task.WhenAll(outRead, errRead);
            }
            catch (Exception e)
            {
                diagnostics.WriteLine("pump ended: " + e.Message);
            }

            ArrayPool<byte>.Shared.Return(outBuffer);
            ArrayPool<byte>.Shared.Return(errBuffer);
        }
    }
}
