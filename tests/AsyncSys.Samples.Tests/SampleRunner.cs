using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;

namespace AsyncSys.Samples.Tests;

/// <summary>Runs a built sample with <c>dotnet &lt;sample&gt;.dll</c>, with a deadline, and returns all it printed.</summary>
internal static class SampleRunner
{
    private static readonly string Configuration = typeof(SampleRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "AsyncSys.Configuration").Value!;

    public static async Task<string> RunAsync(string sample, string assemblyName, TimeSpan timeout, string workingDirectory, params string[] arguments)
    {
        string assembly = Path.Combine(RepositoryRoot(), "samples", sample, "bin", Configuration, "net10.0", assemblyName + ".dll");
        Assert.True(File.Exists(assembly), "The sample is not built: " + assembly);

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

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
            throw new TimeoutException($"{sample} {string.Join(" ", arguments)} did not finish within {timeout}. Output so far:\n{Snapshot(output)}");
        }

        process.WaitForExit(); // drains the redirected output
        string text = Snapshot(output);
        Assert.True(process.ExitCode == 0, $"{sample} {string.Join(" ", arguments)} exited with {process.ExitCode}:\n{text}");
        return text;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    internal static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AsyncSys.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("AsyncSys.sln not found above " + AppContext.BaseDirectory);
    }
}
