using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncSys.Samples.FileCopy;

/// <summary>
/// Redraws one console line every 100 ms while the copy runs. When the output is redirected (a log, a test) it
/// prints a plain line at each quarter instead, so the log stays readable.
/// </summary>
internal static class ProgressBar
{
    private const int Width = 30;

    public static async Task RunAsync(Func<long> done, long total, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        int lastQuarter = -1;
        while (!stop.IsCancellationRequested)
        {
            Draw(done(), total, clock.Elapsed, ref lastQuarter);
            try
            {
                await Task.Delay(100, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Draw(done(), total, clock.Elapsed, ref lastQuarter);
        if (!Console.IsOutputRedirected)
        {
            Console.WriteLine();
        }
    }

    private static void Draw(long done, long total, TimeSpan elapsed, ref int lastQuarter)
    {
        double fraction = total == 0 ? 1 : (double)done / total;
        double mibPerSecond = done / Math.Max(elapsed.TotalSeconds, 0.001) / (1 << 20);
        string line = $"[{new string('#', (int)(fraction * Width)).PadRight(Width, '.')}] {fraction * 100,3:F0}% {done >> 20,6} / {total >> 20} MiB  {mibPerSecond,6:F0} MiB/s";
        if (!Console.IsOutputRedirected)
        {
            Console.Write("\r" + line);
            return;
        }

        int quarter = (int)(fraction * 4);
        if (quarter != lastQuarter)
        {
            lastQuarter = quarter;
            Console.WriteLine(line);
        }
    }
}
