// A copy dialog throttles progress reports with a ThreadLocal<Stopwatch> (one per thread, to avoid allocations). The
// stopwatch is taken before the chunk read and checked after it; with ConfigureAwait(false) the check runs on a pool
// thread while another copy's continuation restarts the same stopwatch there, so reports are dropped or flood the UI.
using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.PerThread.ProgressThrottleThreadLocal;

public sealed class CopyJob(IoRing ring, IProgress<long> progress)
{
    private static readonly ThreadLocal<Stopwatch> s_throttle = new(() => Stopwatch.StartNew());

    public async Task<long> CopyAsync(int source, int destination, byte[] chunk, CancellationToken ct)
    {
        long copied = 0;
        while (true)
        {
            Stopwatch throttle = s_throttle.Value!;
            int n = await ring.ReadAsync(source, chunk, copied, ct).ConfigureAwait(false);
            if (n <= 0) return copied;
            await ring.WriteAsync(destination, chunk.AsMemory(0, n), copied, ct).ConfigureAwait(false);
            copied += n;
            if (/*~ASYS1002*/throttle.ElapsedMilliseconds > 100)
            {
                progress.Report(copied);
                throttle.Restart();
            }
        }
    }
}
