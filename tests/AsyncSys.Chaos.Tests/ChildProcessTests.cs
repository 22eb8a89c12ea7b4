using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace AsyncSys.Chaos.Tests;

/// <summary>
/// Faults that need a process of their own: descriptor exhaustion under prlimit, SIGKILL during fsync'd
/// writes, a real-time signal another library already owns, and DisposeAsync under a capped thread pool. The child is this assembly (Program.Main).
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class ChildProcessTests(ITestOutputHelper output)
{
    public static TheoryData<IoBackend> AllBackends => new() { IoBackend.IoUring, IoBackend.LinuxAio, IoBackend.Workers };

    public static TheoryData<IoBackend> AllBackendsAndAuto => new() { IoBackend.IoUring, IoBackend.LinuxAio, IoBackend.Workers, IoBackend.Auto };

    private static string Self => typeof(Program).Assembly.Location;

    [Theory]
    [MemberData(nameof(AllBackendsAndAuto))]
    public async Task Descriptor_exhaustion_refuses_cleanly_rolls_back_and_recovers(IoBackend backend)
    {
        // RLIMIT_NOFILE 400: room for the runtime, then the child fills the rest itself and leaves 0..3 free.
        Cli.Result result = await Cli.RunAsync(
            "prlimit", Path.GetTempPath(), TimeSpan.FromMinutes(2), Environment(),
            "--nofile=400:400", Cli.Dotnet, Self, "child", "fd-exhaustion", backend.ToString());
        output.WriteLine(result.Output);

        result.EnsureSuccess();
        Assert.DoesNotContain("DEFECT", result.Output, StringComparison.Ordinal);
        Assert.Contains("descriptors: back to baseline", result.Output, StringComparison.Ordinal);
        Assert.Contains("afterwards pread: ok", result.Output, StringComparison.Ordinal);
        if (backend == IoBackend.Auto)
        {
            // With no descriptor left, io_uring_setup and AIO's eventfd are refused: Auto falls back to workers.
            Assert.Contains("free 0: create ok Workers", result.Output, StringComparison.Ordinal);
        }
        else if (backend != IoBackend.Workers)
        {
            Assert.Contains("free 0: create refused", result.Output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(AllBackends))]
    public async Task Kill_9_during_fsynced_writes_keeps_every_acknowledged_record(IoBackend backend)
    {
        int seed = ChaosSettings.Seed;
        var random = new Random(seed);
        int rounds = ChaosSettings.Rounds(2, 15);
        for (int round = 0; round < rounds; round++)
        {
            string path = Path.Combine(Path.GetTempPath(), "asyncsys-kill9-" + Guid.NewGuid().ToString("N"));
            try
            {
                int killAfter = random.Next(5, 200);
                long acknowledged = await RunWriterUntilKilledAsync(backend, path, killAfter);
                byte[] file = File.ReadAllBytes(path);
                for (long n = 0; n <= acknowledged; n++)
                {
                    Assert.True(
                        file.Length >= (n + 1) * FsyncRecord.Size && FsyncRecord.IsIntact(file.AsSpan((int)(n * FsyncRecord.Size), FsyncRecord.Size), n),
                        $"record {n} was acknowledged (up to {acknowledged}) but is not intact after kill -9 (seed {seed}, round {round})");
                }

                output.WriteLine($"{backend} round {round}: killed after ACK {acknowledged}, file {file.Length} bytes, every acknowledged record intact");
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    [Fact]
    public async Task The_worker_interrupt_leaves_another_librarys_signal_handler_alone()
    {
        Cli.Result result = await Cli.RunAsync(Cli.Dotnet, Path.GetTempPath(), TimeSpan.FromMinutes(1), Environment(), Self, "child", "interrupt-signal-taken");
        output.WriteLine(result.Output);

        result.EnsureSuccess();
        Assert.Contains("blocked call: cancelled", result.Output, StringComparison.Ordinal);
        Assert.Contains("their handler: kept", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_waits_for_the_drain_without_holding_a_thread_pool_thread()
    {
        Cli.Result result = await Cli.RunAsync(Cli.Dotnet, Path.GetTempPath(), TimeSpan.FromMinutes(2), Environment(), Self, "child", "dispose-async-pool");
        output.WriteLine(result.Output);

        result.EnsureSuccess();
        Assert.DoesNotContain("DEFECT", result.Output, StringComparison.Ordinal);
        Assert.Contains("pool: free while the disposals wait", result.Output, StringComparison.Ordinal);
        Assert.Contains("disposals: done, nothing abandoned", result.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment() => new() { ["ASYNCSYS_BACKEND"] = string.Empty };

    /// <summary>Starts the writer, waits for <paramref name="acksBeforeKill"/> acknowledgements, kills it with SIGKILL; returns the last ACK seen.</summary>
    private static async Task<long> RunWriterUntilKilledAsync(IoBackend backend, string path, int acksBeforeKill)
    {
        var start = new ProcessStartInfo(Cli.Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { Self, "child", "fsync-writer", backend.ToString(), path })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        long last = -1;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                if (line.StartsWith("ACK ", StringComparison.Ordinal))
                {
                    last = long.Parse(line.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture);
                    if (last + 1 >= acksBeforeKill)
                    {
                        process.Kill(); // SIGKILL
                        break;
                    }
                }
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync(CancellationToken.None);
        }

        Assert.True(last + 1 >= acksBeforeKill, $"the writer stopped after ACK {last}: {await errors}");

        // Lines already in the pipe after the kill decision are later acknowledgements: count them too.
        while (await process.StandardOutput.ReadLineAsync() is { } more)
        {
            if (more.StartsWith("ACK ", StringComparison.Ordinal))
            {
                last = long.Parse(more.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return last;
    }
}
