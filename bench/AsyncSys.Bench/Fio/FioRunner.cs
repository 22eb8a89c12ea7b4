using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using AsyncSys.Bench.Cli;
using AsyncSys.Bench.Results;

namespace AsyncSys.Bench.Fio;

/// <summary>Runs fio with the run's parameters on the same file, when fio is installed; never installs it.</summary>
internal static class FioRunner
{
    internal static void Run(RunResult run, double warmupSeconds, Action<string> log)
    {
        string? fio = FindOnPath("fio");
        if (fio is null)
        {
            run.FioStatus = "not installed (apt-get install -y fio)";
            return;
        }

        List<string> arguments = Arguments(run, warmupSeconds);
        string command = "fio " + string.Join(' ', arguments);
        log($"  fio io_uring qd={run.QueueDepth} ... ");
        try
        {
            var start = new ProcessStartInfo(fio)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start) ?? throw new InvalidOperationException("fio did not start");
            System.Threading.Tasks.Task<string> stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            int limitMs = (int)((run.Seconds + warmupSeconds + 60) * 1000);
            if (!process.WaitForExit(limitMs))
            {
                process.Kill(entireProcessTree: true);
                run.FioStatus = "fio did not finish in time";
                return;
            }

            if (process.ExitCode != 0)
            {
                run.FioStatus = $"fio exited {process.ExitCode}: {FirstLine(stderr.Result)}";
                log(run.FioStatus + Environment.NewLine);
                return;
            }

            FioResult result = FioParser.Parse(stdout, write: run.Workload == "randwrite");
            result.Command = command;
            run.Fio = result;
            log($"{result.Iops,12:N0} ops/s {result.CpuSecondsPerMillionOps,8:F2} CPU µs/op (usr+sys){Environment.NewLine}");
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Text.Json.JsonException or KeyNotFoundException or System.ComponentModel.Win32Exception)
        {
            run.FioStatus = $"fio failed: {ex.Message}";
            log(run.FioStatus + Environment.NewLine);
        }
    }

    /// <summary>The equivalent fio job: one job, iodepth = QD, the same file, block size, direction and O_DIRECT choice.</summary>
    internal static List<string> Arguments(RunResult run, double warmupSeconds)
    {
        string Seconds(double s) => Math.Max(1, (int)Math.Round(s)).ToString(CultureInfo.InvariantCulture) + "s";
        var arguments = new List<string>
        {
            "--name=asyncsys",
            "--ioengine=io_uring",
            $"--rw={run.Workload}",
            $"--bs={run.BlockSize}",
            $"--iodepth={run.QueueDepth}",
            $"--direct={(run.Direct ? 1 : 0)}",
            "--numjobs=1",
            "--time_based",
            $"--runtime={Seconds(run.Seconds)}",
            $"--ramp_time={Seconds(warmupSeconds)}",
            $"--filename={run.File}",
            $"--size={run.FileSize}",
            "--randrepeat=0",
            "--norandommap",
            "--lat_percentiles=1",
            "--output-format=json",
        };

        if (run.PageCached)
        {
            // Keep the page cache we filled: fio would otherwise drop the file's pages before starting.
            arguments.Add("--invalidate=0");
        }

        return arguments;
    }

    private static string FirstLine(string text) => text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
