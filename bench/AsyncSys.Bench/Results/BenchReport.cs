using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace AsyncSys.Bench.Results;

/// <summary>Everything one invocation measured: the JSON file, and the only input of the report generator.</summary>
internal sealed class BenchReport
{
    /// <summary>Bumped when a field changes meaning, so an old JSON is not misread.</summary>
    public int Schema { get; set; } = 1;

    /// <summary>Shown as a banner in the report, e.g. "smoke run on a busy machine — not the published figures".</summary>
    public string? Label { get; set; }

    public DateTimeOffset StartedUtc { get; set; }

    public MachineFacts Machine { get; set; } = new();

    /// <summary>The exact command lines that produced this file.</summary>
    public List<string> Commands { get; set; } = new();

    public List<RunResult> Runs { get; set; } = new();
}

/// <summary>One workload at one queue depth: every case plus fio, on the same file and settings.</summary>
internal sealed class RunResult
{
    /// <summary>randread, randwrite or nop.</summary>
    public string Workload { get; set; } = "";

    public int BlockSize { get; set; }

    public int QueueDepth { get; set; }

    public bool Direct { get; set; }

    /// <summary>Buffered and pre-read: the cases measure the page cache, not the device.</summary>
    public bool PageCached { get; set; }

    public long FileSize { get; set; }

    public string? File { get; set; }

    public string? FileSystem { get; set; }

    public double Seconds { get; set; }

    public double WarmupSeconds { get; set; }

    /// <summary>The case every ratio is taken against (randomaccess), or null when none (nop).</summary>
    public string? Baseline { get; set; }

    public List<CaseResult> Cases { get; set; } = new();

    public FioResult? Fio { get; set; }

    /// <summary>Why there is no fio figure: "not installed", "skipped (--no-fio)", or fio's error.</summary>
    public string? FioStatus { get; set; }

    /// <summary>Whether the workload reads or writes the test file (randread, randwrite), so fio and file facts apply.</summary>
    [JsonIgnore]
    public bool IsFileWorkload => Workload is "randread" or "randwrite";

    /// <summary>A short, file-name-safe id: randread-4k-qd32-buffered.</summary>
    [JsonIgnore]
    public string Slug => Workload is "nop" or "blocking"
        ? $"{Workload}-qd{QueueDepth}"
        : Workload == "echo"
        ? $"echo-{Cli.SizeParser.Format(BlockSize)}-qd{QueueDepth}"
        : $"{Workload}-{Cli.SizeParser.Format(BlockSize)}-qd{QueueDepth}-{(Direct ? "direct" : "buffered")}";
}
