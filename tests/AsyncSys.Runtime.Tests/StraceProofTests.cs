using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace AsyncSys.Runtime.Tests;

/// <summary>
/// Proof that ring operations really go through io_uring: strace of the demo shows io_uring_enter and no
/// pread64 on the data file (the runtime's own assembly loading uses pread64 on .dll files; those are fine).
/// </summary>
[Collection(SerialBuilds.Name)]
public sealed class StraceProofTests
{
    [Fact]
    public void Strace_of_the_demo_shows_io_uring_enter_and_no_pread64_on_the_data_file()
    {
        string root = Repository.Root;
        Run("dotnet", $"build \"{Path.Combine(root, "samples", "Demo")}\" -c Release --nologo -v q", root, TimeSpan.FromMinutes(3));
        string demo = Path.Combine(root, "samples", "Demo", "bin", "Release", "net10.0", "AsyncSys.Demo.dll");
        string trace = Path.Combine(Path.GetTempPath(), $"asyncsys-strace-{Environment.ProcessId}.txt");

        string output = Run(Prerequisites.Strace(), $"-f -y -e trace=io_uring_enter,pread64 -o \"{trace}\" dotnet \"{demo}\" --ring-only --size-mib 8", root, TimeSpan.FromMinutes(3));
        string[] lines = File.ReadAllLines(trace);
        File.Delete(trace);

        Assert.Contains("Backend: IoUring", output, StringComparison.Ordinal);
        Assert.Contains("SHA-256 matches the source: True", output, StringComparison.Ordinal);
        Assert.True(lines.Count(l => l.Contains("io_uring_enter(", StringComparison.Ordinal)) > 10, "expected io_uring_enter calls");
        Assert.DoesNotContain(lines, l => l.Contains("pread64(", StringComparison.Ordinal) && l.Contains("asyncsys-demo", StringComparison.Ordinal));
    }

    internal static string Run(string file, string arguments, string workingDirectory, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish in {timeout}");
        }

        Assert.True(process.ExitCode == 0, $"{file} {arguments} exited {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}
