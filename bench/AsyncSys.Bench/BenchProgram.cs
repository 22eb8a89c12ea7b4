using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AsyncSys.Bench.Cli;
using AsyncSys.Bench.Fio;
using AsyncSys.Bench.Measurement;
using AsyncSys.Bench.Report;
using AsyncSys.Bench.Results;

namespace AsyncSys.Bench;

/// <summary>Command dispatch. Exit codes: 0 done, 1 a case failed (unavailable is not a failure), 2 bad usage.</summary>
internal static class BenchProgram
{
    internal const string DefaultJson = "bench/results/latest.json";
    internal const string DefaultMarkdown = "docs/benchmarks.md";

    internal static async Task<int> MainAsync(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        switch (options.Command)
        {
            case "randread":
            case "randwrite":
            case "nop":
            case "blocking":
            case "echo":
            case "suite":
                return await MeasureAsync(options, args).ConfigureAwait(false);
            case "report":
                return Report(options, args);
            case "fio-parse":
                return FioParse(options);
            case "help":
                Console.WriteLine(Usage);
                return 0;
            default:
                Console.Error.WriteLine($"Unknown command '{options.Command}'.");
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static async Task<int> MeasureAsync(BenchOptions options, string[] args)
    {
        var report = new BenchReport
        {
            Label = options.Label,
            StartedUtc = DateTimeOffset.UtcNow,
            Machine = MachineFacts.Collect(),
            Commands = { Quote(MarkdownReport.RunCommand, args) },
        };
        Console.WriteLine($"{report.Machine.Cores} cores, {report.Machine.CpuModel}, kernel {report.Machine.Kernel}, {report.Machine.DotNet}, load {report.Machine.LoadAverage:F2}");

        bool needsFile = options.Command is not ("nop" or "blocking" or "echo");
        bool created = needsFile && TestFile.EnsureExists(options.FilePath, options.FileSize, Console.WriteLine);
        try
        {
            switch (options.Command)
            {
                case "randread":
                    report.Runs.AddRange(await Workloads.FileAsync(options, write: false).ConfigureAwait(false));
                    break;
                case "randwrite":
                    report.Runs.AddRange(await Workloads.FileAsync(options, write: true).ConfigureAwait(false));
                    break;
                case "nop":
                    report.Runs.AddRange(await Workloads.NopAsync(options).ConfigureAwait(false));
                    break;
                case "blocking":
                    report.Runs.AddRange(await ServiceWorkloads.BlockingAsync(options).ConfigureAwait(false));
                    break;
                case "echo":
                    report.Runs.AddRange(await ServiceWorkloads.EchoAsync(options).ConfigureAwait(false));
                    break;
                default:
                    await SuiteAsync(options, report).ConfigureAwait(false);
                    break;
            }
        }
        finally
        {
            if (created && !options.KeepFile)
            {
                File.Delete(options.FilePath);
            }
        }

        ConsoleTable.Print(report);
        string? json = options.JsonPath ?? (options.Command == "suite" ? DefaultJson : null);
        if (json is not null)
        {
            ReportJson.Write(report, json);
            Console.WriteLine($"JSON: {json}");
        }

        return report.Runs.SelectMany(r => r.Cases).Any(c => c.Status == "failed") ? 1 : 0;
    }

    /// <summary>
    /// The published set, sized to finish in under 5 minutes at the default 5 s per case: page-cached randread
    /// at QD 1 and 32, O_DIRECT randread and page-cached randwrite at QD 32, nop at QD 1 and 64.
    /// </summary>
    private static async Task SuiteAsync(BenchOptions options, BenchReport report)
    {
        BenchOptions Sub(string command, int[] depths, bool direct)
        {
            BenchOptions sub = options.With(command, options.QueueDepthGiven ? options.QueueDepths : depths, direct);
            return options.SecondsGiven ? sub : sub.WithSeconds(5);
        }

        BenchOptions first = Sub("randread", new[] { 1, 32 }, direct: false);
        int fileRuns = options.QueueDepthGiven ? options.QueueDepths.Count * 3 : 4;
        int nopRuns = options.QueueDepthGiven ? options.QueueDepths.Count : 2;
        double perCase = first.Seconds + first.Warmup + 0.5; // + GC and drain between cases
        double estimate = (fileRuns * ((options.Cases.Count * perCase) + (options.NoFio ? 0 : first.Seconds + first.Warmup))) + (nopRuns * (3 + 3 + 5) * perCase); // nop, blocking and echo cases
        Console.WriteLine($"Suite: about {estimate / 60:F1} minutes of measurement, plus creating the file once.");

        report.Runs.AddRange(await Workloads.FileAsync(first, write: false).ConfigureAwait(false));
        report.Runs.AddRange(await Workloads.FileAsync(Sub("randread", new[] { 32 }, direct: true), write: false).ConfigureAwait(false));
        report.Runs.AddRange(await Workloads.FileAsync(Sub("randwrite", new[] { 32 }, direct: false), write: true).ConfigureAwait(false));
        BenchOptions nop = Sub("nop", new[] { 1, 64 }, direct: false);
        report.Runs.AddRange(await Workloads.NopAsync(nop).ConfigureAwait(false));
        report.Runs.AddRange(await ServiceWorkloads.BlockingAsync(Sub("blocking", new[] { 1, 16 }, direct: false)).ConfigureAwait(false));
        report.Runs.AddRange(await ServiceWorkloads.EchoAsync(Sub("echo", new[] { 1, 32 }, direct: false)).ConfigureAwait(false));
    }

    private static int Report(BenchOptions options, string[] args)
    {
        string json = options.JsonPath ?? DefaultJson;
        string output = options.OutPath ?? DefaultMarkdown;
        BenchReport report = ReportJson.Read(json);
        foreach (string file in MarkdownReport.Write(report, json, output, Quote(MarkdownReport.RunCommand, args)))
        {
            Console.WriteLine($"wrote {file}");
        }

        return 0;
    }

    /// <summary>Parses a saved fio JSON by hand (fio-parse FILE [--write]): to check the parser without running fio.</summary>
    private static int FioParse(BenchOptions options)
    {
        if (options.Positional.Count == 0)
        {
            Console.Error.WriteLine("fio-parse needs a file: fio-parse out.json");
            return 2;
        }

        FioResult fio = FioParser.Parse(File.ReadAllText(options.Positional[0]), write: options.Positional.Contains("write"));
        Console.WriteLine($"fio {fio.Version}: {Fmt.Ops(fio.Iops)} IOPS, usr {fio.UsrCpuPercent:F2}% sys {fio.SysCpuPercent:F2}%, {Fmt.Micros(fio.CpuSecondsPerMillionOps)} CPU µs/op, p50 {Fmt.Micros(fio.P50Micros)} µs, p99 {Fmt.Micros(fio.P99Micros)} µs");
        return 0;
    }

    private static string Quote(string prefix, IEnumerable<string> args) =>
        prefix + " " + string.Join(' ', args.Select(a => a.Length > 0 && a.All(ch => char.IsLetterOrDigit(ch) || "-_./,=:".Contains(ch)) ? a : "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    private const string Usage = """
        AsyncSys.Bench: IoRing (io_uring, inline continuations, Linux AIO, workers) against RandomAccess, in one run.

          randread | randwrite  [--bs 4k] [--qd 32 | --qd 1,32,128] [--seconds 10] [--warmup S] [--direct]
                                [--file PATH] [--size 1g] [--mode all|iouring,inline,aio,workers,randomaccess,sync]
                                [--json out.json] [--label TEXT] [--keep-file] [--no-fio]
          nop                   awaited IoRing.NopAsync at QD 1 and 64 (or --qd), [--seconds] [--mode]
          blocking              RunBlockingAsync(no-op) vs awaited Task.Run(no-op), and on workers only; QD 1 and 16 (or --qd)
          echo                  loopback TCP echo, 64 B messages (or --bs), 1 and 32 connections (or --qd): IoRing server
                                (default, ring only, inline, loops on the ring context) vs System.Net.Sockets server, the same System.Net.Sockets clients
          suite                 randread QD 1,32 page-cached; randread QD 32 O_DIRECT; randwrite QD 32; nop QD 1,64;
                                blocking QD 1,16; echo 64 B at 1 and 32 connections;
                                5 s per case unless --seconds; writes bench/results/latest.json unless --json
          report                --json bench/results/latest.json --out docs/benchmarks.md (+ one SVG per run beside it)
          fio-parse FILE [write]  parse a saved fio --output-format=json file

        --mode ringcontext adds the default ring with each loop run on the ring thread (IoRing.RunOnRingAsync).
        --mode kernel,inlinekernel adds the default and inline rings asking only for the io_uring kernel features of
        --kernel (none unless given; or a list of singleissuer,defer,coop,ringfd,extarg, or default, or all), to measure
        what each is worth against the default rings in the same run, and with --rings N spread over N rings as
        IoRing.Shared is; echo runs them too when named.

        QD is the number of concurrent loops, each awaiting one operation at a time, the same for every case.
        The RandomAccess baseline always runs: every ratio is taken against it. The default file is
        /var/tmp/asyncsys-bench.dat (root disk, not tmpfs); it is deleted afterwards unless --keep-file or it existed.
        fio (if installed) runs with the same parameters and ioengine=io_uring.
        """;
}
