using System;
using System.Linq;
using System.Text;
using AsyncSys.Bench.Results;

namespace AsyncSys.Bench.Report;

/// <summary>The progress line after each case and the table printed at the end of a run.</summary>
internal static class ConsoleTable
{
    internal static string Summary(CaseResult c) => c.IsOk
        ? $"{Fmt.Ops(c.OpsPerSecond),12} ops/s {Fmt.Micros(c.CpuSecondsPerMillionOps),7} CPU µs/op (sys {Fmt.Micros(c.SystemCpuMicrosPerOp)})  p50 {Fmt.Micros(c.P50Micros)} µs  p99 {Fmt.Micros(c.P99Micros)} µs  {Fmt.Bytes(c.BytesPerOp)} B/op  {c.Threads} threads  {c.LoopsActive} loops active"
        : $"{c.Status}: {c.Reason}";

    internal static string Render(BenchReport report)
    {
        var text = new StringBuilder();
        foreach (RunResult run in report.Runs)
        {
            text.AppendLine();
            text.AppendLine(RunTitle(run));
            text.AppendLine($"{"case",-34} {"ops/s",12} {"×base",7} {"CPU µs/op",9} {"×base",7} {"p50 µs",8} {"p99 µs",8} {"B/op",7} {"threads",7} {"loops",5} {"×fio",6}");
            foreach (CaseResult c in run.Cases)
            {
                if (!c.IsOk)
                {
                    text.AppendLine($"{c.Title,-34} {c.Status}: {c.Reason}");
                    continue;
                }

                text.AppendLine(
                    $"{c.Title,-34} {Fmt.Ops(c.OpsPerSecond),12} {Fmt.Ratio(c.VsBaseline?.OpsPerSecond),7} {Fmt.Micros(c.CpuSecondsPerMillionOps),9} {Fmt.Ratio(c.VsBaseline?.CpuPerOp),7} " +
                    $"{Fmt.Micros(c.P50Micros),8} {Fmt.Micros(c.P99Micros),8} {Fmt.Bytes(c.BytesPerOp),7} {c.Threads,7} {c.LoopsActive,5} {Fmt.Ratio(c.OpsVsFio),6}");
            }

            if (run.Fio is { } fio)
            {
                text.AppendLine($"{"fio io_uring (reference)",-34} {Fmt.Ops(fio.Iops),12} {"",7} {Fmt.Micros(fio.CpuSecondsPerMillionOps),9} {"",7} {Fmt.Micros(fio.P50Micros),8} {Fmt.Micros(fio.P99Micros),8}");
            }
            else if (run.FioStatus is { } status && run.IsFileWorkload)
            {
                text.AppendLine($"fio: {status}");
            }
        }

        return text.ToString();
    }

    internal static string RunTitle(RunResult run) => run.Workload switch
    {
        "nop" => $"nop (awaited IoRing.NopAsync), QD {run.QueueDepth}, {run.Seconds:0.#} s per case",
        "blocking" => $"blocking (a no-op call run by RunBlockingAsync vs an awaited Task.Run), QD {run.QueueDepth}, {run.Seconds:0.#} s per case",
        "echo" => $"echo (loopback TCP request-response, {run.BlockSize} B messages, System.Net.Sockets clients), {run.QueueDepth} connections, {run.Seconds:0.#} s per case",
        _ => FileRunTitle(run),
    };

    private static string FileRunTitle(RunResult run) =>
        $"{run.Workload}, {Cli.SizeParser.Format(run.BlockSize)} blocks, QD {run.QueueDepth}, " +
          $"{(run.Direct ? "O_DIRECT" : "page-cached")} {Cli.SizeParser.Format(run.FileSize)} file, {run.Seconds:0.#} s per case" +
          (run.Cases.Any(c => c.Id == run.Baseline) ? string.Empty : " (no baseline)");

    internal static void Print(BenchReport report) => Console.Write(Render(report));
}
