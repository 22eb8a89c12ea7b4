// A /proc/pressure scraper spreads its ticks with a jitter drawn from a per-thread Random (ThreadLocal) on every
// iteration, and reads each sample into a buffer of its own. Only the drawn number is kept across the awaits; each
// iteration draws from the generator of the thread it runs on, which is what a ThreadLocal<Random> is for.
using System;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.PerThread.PressureScraperJitter;

public sealed class PressureScraper(IoRing ring, int pressureFd, TimeSpan period, Action<string> report)
{
    private static readonly ThreadLocal<Random> s_jitter = new(() => new Random());

    public async Task RunAsync(CancellationToken ct)
    {
        var sample = new byte[256];
        while (!ct.IsCancellationRequested)
        {
            int jitterMs = s_jitter.Value!.Next(0, 250);
            int n = await ring.ReadAsync(pressureFd, sample, 0, ct);
            report(Encoding.ASCII.GetString(sample, 0, n).Trim());
            await ring.DelayAsync(period + TimeSpan.FromMilliseconds(jitterMs), ct);
        }

        report("pressure scraper stopped at " + DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
    }
}
