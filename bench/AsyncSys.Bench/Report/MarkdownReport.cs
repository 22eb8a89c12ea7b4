using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using AsyncSys.Bench.Results;

namespace AsyncSys.Bench.Report;

/// <summary>
/// Renders docs/benchmarks.md and one SVG per run from a results JSON. Everything on the page comes from the
/// JSON, so a page always matches its data; regenerate it, never edit it.
/// </summary>
internal static class MarkdownReport
{
    internal const string RunCommand = "dotnet run -c Release --project bench/AsyncSys.Bench --";

    /// <summary>Writes the page and its charts; returns the files written.</summary>
    internal static List<string> Write(BenchReport report, string jsonPath, string outPath, string reportCommand)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(outPath))!;
        Directory.CreateDirectory(directory);
        string stem = Path.GetFileNameWithoutExtension(outPath);
        var written = new List<string>();

        // Charts of runs that are no longer in the JSON (another QD list) must not linger beside the page.
        foreach (string stale in Directory.EnumerateFiles(directory, $"{stem}-*.svg"))
        {
            File.Delete(stale);
        }

        var charts = new Dictionary<RunResult, string>();
        foreach (RunResult run in report.Runs)
        {
            string name = $"{stem}-{run.Slug}.svg";
            File.WriteAllText(Path.Combine(directory, name), SvgChart.Render(run, report.Label));
            charts[run] = name;
            written.Add(Path.Combine(directory, name));
        }

        File.WriteAllText(outPath, Render(report, jsonPath, reportCommand, charts));
        written.Insert(0, outPath);
        return written;
    }

    internal static string Render(BenchReport report, string jsonPath, string reportCommand, IReadOnlyDictionary<RunResult, string> charts)
    {
        var md = new StringBuilder();
        md.AppendLine("# Benchmarks");
        md.AppendLine();
        if (report.Label is { Length: > 0 } label)
        {
            md.AppendLine($"> **{label}**");
            md.AppendLine();
        }

        md.AppendLine($"Generated from `{jsonPath.Replace('\\', '/')}` (measured {report.StartedUtc:yyyy-MM-dd HH:mm} UTC) by the bench tool; regenerate it, do not edit it.");
        md.AppendLine();
        Reproduce(md, report, jsonPath, reportCommand);
        Machine(md, report.Machine);
        Reading(md);
        foreach (RunResult run in report.Runs)
        {
            Run(md, run, charts.TryGetValue(run, out string? chart) ? chart : null);
        }

        md.AppendLine("## Micro-benchmarks");
        md.AppendLine();
        md.AppendLine("BenchmarkDotNet results are not part of this page: run `dotnet run -c Release --project bench/AsyncSys.MicroBench -- --filter '*'`");
        md.AppendLine("(awaited Nop, NopAsync with an uncancelled live token, op table rent/return, RunBlockingAsync round trip; all with [MemoryDiagnoser]).");
        return md.ToString();
    }

    private static void Reproduce(StringBuilder md, BenchReport report, string jsonPath, string reportCommand)
    {
        md.AppendLine("## Commands");
        md.AppendLine();
        md.AppendLine("These produced the figures below (from the repository root):");
        md.AppendLine();
        md.AppendLine("```sh");
        foreach (string command in report.Commands)
        {
            md.AppendLine(command);
        }

        md.AppendLine(reportCommand);
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine("To publish figures: on a quiet machine, `apt-get install -y fio` (for the fio reference), then");
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine($"{RunCommand} suite --json {BenchProgram.DefaultJson}");
        md.AppendLine($"{RunCommand} report --json {BenchProgram.DefaultJson} --out {BenchProgram.DefaultMarkdown}");
        md.AppendLine("```");
        md.AppendLine();
    }

    private static void Machine(StringBuilder md, MachineFacts m)
    {
        md.AppendLine("## Machine");
        md.AppendLine();
        md.AppendLine("| cores | CPU | memory | kernel | .NET | arch | io_uring_disabled | load average at start |");
        md.AppendLine("| ---: | --- | ---: | --- | --- | --- | :---: | ---: |");
        md.AppendLine($"| {m.Cores} | {Cell(m.CpuModel)} | {m.MemoryBytes >> 30} GiB | {Cell(m.Kernel)} | {Cell(m.DotNet)} | {m.Architecture} | {m.IoUringDisabled ?? "n/a"} | {(m.LoadAverage is { } l ? Fmt.Number(l, "F2") : "n/a")} |");
        md.AppendLine();
    }

    private static void Reading(StringBuilder md)
    {
        md.AppendLine("## How to read the tables");
        md.AppendLine();
        md.AppendLine("- **QD** is the number of concurrent loops, each awaiting one operation at a time; every case of a run uses the same QD, file, block size, page-aligned buffers and random offsets.");
        md.AppendLine("- **×RA** is the case's figure divided by RandomAccess.ReadAsync's (or WriteAsync's) in the same run: above 1 is better for ops/s, worse for CPU, latency, bytes and threads.");
        md.AppendLine("- **CPU µs/op** is the whole process's CPU time (user + system, `Process.TotalProcessorTime`) over the timed window divided by the operations: the same number as CPU-seconds per million operations. It includes system time spent for the process, and io_uring's worker threads (iou-wrk), which belong to the process since Linux 5.12 and are also counted in **threads**.");
        md.AppendLine("- **sys µs/op** is the kernel's part of CPU µs/op (`Process.PrivilegedProcessorTime`): the syscalls themselves, page-cache copies, wake-ups; the rest is user code.");
        md.AppendLine("- **p50/p99** are per-operation latencies from issue to the awaiting loop resuming, from fixed log-linear buckets (±3%).");
        md.AppendLine("- **B/op** is `GC.GetTotalAllocatedBytes(true)` over the window divided by the operations; **threads** is `Process.Threads.Count` at the end of the window.");
        md.AppendLine("- **loops active** counts the loops that completed at least one operation in the window. Below QD, the runtime left loops waiting and fewer operations were really in flight: RandomAccess.ReadAsync queues its pread as a thread-pool work item that prefers the current thread, so a pool thread tends to keep serving one loop; its latency then shows the pread alone, not queueing at QD.");
        md.AppendLine("- **×fio** is ops/s divided by fio's IOPS with `--ioengine=io_uring` and the same parameters; fio's own CPU is its usr+sys percentage over its IOPS.");
        md.AppendLine("- **IoRing io_uring** is the default ring: reads and writes are first tried on the calling thread (preadv2 with RWF_NOWAIT) and go to io_uring only when they would block; **ring only** is the same ring with that attempt off (`TryNonBlockingFirst = false`), every operation through io_uring.");
        md.AppendLine("- **blocking** runs time an awaited no-op call: `RunBlockingAsync` (short call sites run on the calling pool thread once proven short; without a cancel hook such a call needs no operation slot), the same with a live token shared by every loop, with that token and an interrupt hook (the full path, with a slot), the same on workers only, and `Task.Run` as the baseline (**×base**).");
        md.AppendLine("- **echo** runs time one 64-byte request-response per loop over loopback TCP: the same System.Net.Sockets clients against a server loop per connection on System.Net.Sockets (the baseline) or on IoRing recv/send. CPU µs/op is the whole process, clients included.");
        md.AppendLine("- Page-cached runs pre-read the file, so they measure the cost of issuing I/O, not the device; O_DIRECT runs measure the device as well.");
        md.AppendLine("- Cases marked *unavailable* could not run here (for example the Linux AIO backend before it exists, or io_uring disabled by policy).");
        md.AppendLine();
    }

    private static void Run(StringBuilder md, RunResult run, string? chart)
    {
        md.AppendLine($"## {ConsoleTable.RunTitle(run)}");
        md.AppendLine();
        if (run.File is not null)
        {
            md.AppendLine($"File `{run.File}` on {run.FileSystem ?? "an unknown file system"}; warm-up {run.WarmupSeconds:0.#} s before each case.");
            md.AppendLine();
        }

        if (chart is not null)
        {
            md.AppendLine($"![{ConsoleTable.RunTitle(run)}]({chart})");
            md.AppendLine();
        }

        bool hasBaseline = run.Baseline is not null;
        if (hasBaseline && !run.IsFileWorkload)
        {
            md.AppendLine($"Ratios (×base) are to the first row, {run.Cases.FirstOrDefault(c => c.Id == run.Baseline)?.Title ?? run.Baseline}, in the same run.");
            md.AppendLine();
        }

        string b = run.IsFileWorkload ? "×RA" : "×base";
        md.AppendLine(hasBaseline
            ? $"| case | ops/s | {b} | CPU µs/op | {b} | sys µs/op | p50 µs | p99 µs | B/op | threads | loops active | ×fio ops/s | ×fio CPU |"
            : "| case | ops/s | CPU µs/op | sys µs/op | p50 µs | p99 µs | B/op | threads | loops active |");
        md.AppendLine(hasBaseline
            ? "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
            : "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (CaseResult c in run.Cases)
        {
            if (!c.IsOk)
            {
                md.AppendLine($"| {Cell(c.Title)} | *{c.Status}*: {Cell(c.Reason ?? "")} |");
                continue;
            }

            string common = $"| {Cell(c.Title)} | {Fmt.Ops(c.OpsPerSecond)} |";
            md.AppendLine(hasBaseline
                ? $"{common} {Fmt.Ratio(c.VsBaseline?.OpsPerSecond)} | {Fmt.Micros(c.CpuSecondsPerMillionOps)} | {Fmt.Ratio(c.VsBaseline?.CpuPerOp)} | {Fmt.Micros(c.SystemCpuMicrosPerOp)} | {Fmt.Micros(c.P50Micros)} | {Fmt.Micros(c.P99Micros)} | {Fmt.Bytes(c.BytesPerOp)} | {c.Threads} | {c.LoopsActive}/{run.QueueDepth} | {Fmt.Ratio(c.OpsVsFio)} | {Fmt.Ratio(c.CpuVsFio)} |"
                : $"{common} {Fmt.Micros(c.CpuSecondsPerMillionOps)} | {Fmt.Micros(c.SystemCpuMicrosPerOp)} | {Fmt.Micros(c.P50Micros)} | {Fmt.Micros(c.P99Micros)} | {Fmt.Bytes(c.BytesPerOp)} | {c.Threads} | {c.LoopsActive}/{run.QueueDepth} |");
        }

        if (run.Fio is { } fio)
        {
            md.AppendLine($"| fio io_uring (reference) | {Fmt.Ops(fio.Iops)} | | {Fmt.Micros(fio.CpuSecondsPerMillionOps)} | | | {Fmt.Micros(fio.P50Micros)} | {Fmt.Micros(fio.P99Micros)} | | | | | |");
            md.AppendLine();
            md.AppendLine($"fio {fio.Version}: `{fio.Command}`");
        }
        else if (run.IsFileWorkload)
        {
            md.AppendLine();
            md.AppendLine($"fio: {run.FioStatus ?? "not run"}.");
        }

        IEnumerable<string> backends = run.Cases.Where(c => c.Backend is not null).Select(c => $"{c.Title}: {c.Backend}");
        md.AppendLine();
        md.AppendLine($"Backends as reported by the rings: {string.Join("; ", backends.DefaultIfEmpty("none"))}.");
        md.AppendLine();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
