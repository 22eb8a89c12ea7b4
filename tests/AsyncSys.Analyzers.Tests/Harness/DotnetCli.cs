using System;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Analyzers.Tests.Harness;

/// <summary>Runs the dotnet CLI as a child process with a deadline, keeping everything it printed for the failure message.</summary>
internal static class DotnetCli
{
    // Set by `dotnet test` for its own MSBuild; a nested build must find its SDK by itself.
    private static readonly string[] InheritedMsBuildVariables =
    {
        "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "MSBUILDNOINPROCNODE",
    };

    public sealed record Result(int ExitCode, string Output, string CommandLine)
    {
        public string Describe() => "`" + CommandLine + "` exited with " + ExitCode + ":\n" + Output;
    }

    public static async Task<Result> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string variable in InheritedMsBuildVariables)
        {
            start.Environment.Remove(variable);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        // No build server or reused node may outlive the test holding our output pipes open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";

        string commandLine = dotnet + " " + string.Join(" ", arguments);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        Task exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(timeout)) != exited)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("`" + commandLine + "` did not finish within " + timeout + ". Output so far:\n" + Snapshot(output));
        }

        // The parameterless wait also drains the redirected output.
        process.WaitForExit();
        return new Result(process.ExitCode, Snapshot(output), commandLine);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
