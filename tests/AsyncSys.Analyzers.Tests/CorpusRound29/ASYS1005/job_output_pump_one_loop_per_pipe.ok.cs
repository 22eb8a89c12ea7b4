// The same job runner made right: each pipe is pumped by its own loop with its own pooled buffer, which goes back to the
// pool only after that loop's last read completed; the two loops share the log through a semaphore and the method
// waits for both.
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.InFlight.OutputPumpOneLoopPerPipe;

public sealed class ChildOutputPump(IoRing ring, Stream log)
{
    private readonly SemaphoreSlim _logGate = new(1, 1);

    public Task PumpAsync(int stdoutFd, int stderrFd, CancellationToken ct) =>
        Task.WhenAll(PumpOneAsync(stdoutFd, ct), PumpOneAsync(stderrFd, ct));

    private async Task PumpOneAsync(int fd, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (true)
            {
                int n = await ring.ReadAsync(fd, buffer, ct);
                if (n <= 0)
                {
                    return;
                }

                await _logGate.WaitAsync(ct);
                try
                {
                    await log.WriteAsync(buffer.AsMemory(0, n), ct);
                }
                finally
                {
                    _logGate.Release();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
