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
        string assembly = Path.Combine(Repository.Root, "samples", sample, "bin", Configuration, "net10.0", assemblyName + ".dll");
        Assert.True(File.Exists(assembly), "The sample is not built: " + assembly);

        Cli.Result result = await Cli.DotnetAsync(workingDirectory, timeout, null, new[] { assembly }.Concat(arguments).ToArray());
        return result.EnsureSuccess().Output;
    }
}
