using System.Text.Json.Serialization;

namespace AsyncSys.Bench.Results;

/// <summary>One case of a run. Status is ok, unavailable (backend refused or not built) or failed.</summary>
internal sealed class CaseResult
{
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    public string Status { get; set; } = "ok";

    public string? Reason { get; set; }

    /// <summary>IoRing.BackendDescription for ring cases: proves which backend actually ran.</summary>
    public string? Backend { get; set; }

    public long Ops { get; set; }

    public double Seconds { get; set; }

    public double OpsPerSecond { get; set; }

    public double CpuSeconds { get; set; }

    /// <summary>Process CPU-seconds per million ops, which is the same number as CPU µs per op.</summary>
    public double CpuSecondsPerMillionOps { get; set; }

    /// <summary>The kernel's share of <see cref="CpuSecondsPerMillionOps"/> (system time, µs per op); null in older results.</summary>
    public double? SystemCpuMicrosPerOp { get; set; }

    public double? P50Micros { get; set; }

    public double? P99Micros { get; set; }

    public double BytesPerOp { get; set; }

    /// <summary>Process.Threads.Count at the end of the window (the whole process, the runtime's own threads included).</summary>
    public int Threads { get; set; }

    /// <summary>
    /// Loops that completed at least one operation in the window. Below QD means the runtime left loops waiting
    /// (for example, work items that stay on one thread-pool thread), so fewer operations were truly in flight.
    /// </summary>
    public int LoopsActive { get; set; }

    /// <summary>The fewest operations any one loop completed in the window (fairness between the loops).</summary>
    public long FewestOpsInALoop { get; set; }

    /// <summary>What the io_uring ring thread did per operation in the window (console only; null for other backends).</summary>
    [JsonIgnore]
    public string? RingThread { get; set; }

    /// <summary>Each figure divided by the baseline's in the same run.</summary>
    public Ratios? VsBaseline { get; set; }

    /// <summary>ops/s divided by fio io_uring IOPS with the same parameters.</summary>
    public double? OpsVsFio { get; set; }

    /// <summary>CPU per op divided by fio's usr+sys CPU per op.</summary>
    public double? CpuVsFio { get; set; }

    [JsonIgnore]
    public bool IsOk => Status == "ok";

    internal CaseResult Failed(string reason)
    {
        Status = "failed";
        Reason = reason;
        return this;
    }

    internal CaseResult Unavailable(string reason)
    {
        Status = "unavailable";
        Reason = reason;
        return this;
    }

    internal CaseResult Measured(long ops, double seconds, double cpuSeconds, long allocatedBytes, double? p50, double? p99, int threads, double systemCpuSeconds)
    {
        if (ops == 0)
        {
            return Failed("no operation completed inside the window");
        }

        Ops = ops;
        Seconds = seconds;
        OpsPerSecond = ops / seconds;
        CpuSeconds = cpuSeconds;
        CpuSecondsPerMillionOps = cpuSeconds / ops * 1e6;
        SystemCpuMicrosPerOp = systemCpuSeconds / ops * 1e6;
        BytesPerOp = (double)allocatedBytes / ops;
        P50Micros = p50;
        P99Micros = p99;
        Threads = threads;
        return this;
    }
}

/// <summary>A case's figures over the baseline's: above 1 means more (ops/s: better; CPU, latency, bytes: worse).</summary>
internal sealed class Ratios
{
    public double? OpsPerSecond { get; set; }

    public double? CpuPerOp { get; set; }

    public double? P50 { get; set; }

    public double? P99 { get; set; }

    /// <summary>Null when the baseline allocates nothing per op (no meaningful ratio).</summary>
    public double? BytesPerOp { get; set; }

    public double? Threads { get; set; }
}

/// <summary>fio's figures for the same parameters (ioengine=io_uring).</summary>
internal sealed class FioResult
{
    public string Command { get; set; } = "";

    public string? Version { get; set; }

    public double Iops { get; set; }

    public double UsrCpuPercent { get; set; }

    public double SysCpuPercent { get; set; }

    /// <summary>fio's (usr+sys) CPU-seconds per million ops = CPU µs per op.</summary>
    public double CpuSecondsPerMillionOps { get; set; }

    public double? P50Micros { get; set; }

    public double? P99Micros { get; set; }
}
