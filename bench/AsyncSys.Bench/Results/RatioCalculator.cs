using System.Linq;

namespace AsyncSys.Bench.Results;

/// <summary>Fills each case's ratios against the baseline and fio of the same run (never across runs).</summary>
internal static class RatioCalculator
{
    internal static void Fill(RunResult run)
    {
        CaseResult? baseline = run.Cases.FirstOrDefault(c => c.Id == run.Baseline && c.IsOk);
        foreach (CaseResult c in run.Cases.Where(c => c.IsOk))
        {
            if (baseline is not null)
            {
                c.VsBaseline = new Ratios
                {
                    OpsPerSecond = Divide(c.OpsPerSecond, baseline.OpsPerSecond),
                    CpuPerOp = Divide(c.CpuSecondsPerMillionOps, baseline.CpuSecondsPerMillionOps),
                    P50 = Divide(c.P50Micros, baseline.P50Micros),
                    P99 = Divide(c.P99Micros, baseline.P99Micros),

                    // Below one byte per op the baseline "allocates nothing": a ratio to it would be noise.
                    BytesPerOp = baseline.BytesPerOp >= 1 ? c.BytesPerOp / baseline.BytesPerOp : null,
                    Threads = Divide(c.Threads, baseline.Threads),
                };
            }

            if (run.Fio is { } fio)
            {
                c.OpsVsFio = Divide(c.OpsPerSecond, fio.Iops);
                c.CpuVsFio = Divide(c.CpuSecondsPerMillionOps, fio.CpuSecondsPerMillionOps);
            }
        }
    }

    private static double? Divide(double? value, double? by) =>
        value is { } v && by is { } b && b > 0 ? v / b : null;
}
