// A job runner retries opening a pty when /dev/ptmx is exhausted (EAGAIN from the ring's open), backing off with jitter
// drawn from a lazily created [ThreadStatic] Random on each attempt. Each draw takes a number from the generator of the
// thread it runs on and keeps nothing of it across the await: no thread's state is relied on after the delay.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.PerThread.PtyOpenRetryJitter;

public sealed class PtyOpener(IoRing ring)
{
    private const int O_RDWR = 2, O_NOCTTY = 0x100, O_CLOEXEC = 0x80000, EAGAIN = 11;

    [ThreadStatic]
    private static Random? t_jitter;

    public async Task<int> OpenMasterAsync(int attempts, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await ring.OpenAtAsync(-100, "/dev/ptmx", (OpenFlags)(O_RDWR | O_NOCTTY | O_CLOEXEC), System.IO.UnixFileMode.None, ct);
            }
            catch (ErrnoException e) when (e.Errno == EAGAIN && attempt < attempts)
            {
                int jitterMs = (t_jitter ??= new Random()).Next(10, 50);
                await Task.Delay(TimeSpan.FromMilliseconds(attempt * 20 + jitterMs), ct);
            }
        }
    }
}
