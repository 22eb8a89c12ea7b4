using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AsyncSys.Package.Tests.Infrastructure;

namespace AsyncSys.Package.Tests;

/// <summary>
/// What a consumer's build says when it cannot use the package as is: the package's buildTransitive check
/// (ASYS0100, ASYS0101), the runtime's platform annotation (CA1416), and a refused wrapper's diagnostic in a
/// build that skips analyzers.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class BuildCheckTests
{
    private readonly PackageFixture _package;

    public BuildCheckTests(PackageFixture package) => _package = package;

    [Fact]
    public async Task LangVersion_9_warns_ASYS0101_and_a_compiler_older_than_Roslyn_4_8_warns_ASYS0100()
    {
        Consumer consumer = await _package.CreateConsumerAsync("RingConsumer", new Dictionary<string, string>
        {
            ["AllowUnsafeBlocks"] = "true",
        }, name: "OldCompilerConsumer");

        // The generated code needs C# 10: the build fails, and the first thing it says is why.
        Cli.Result langVersion9 = await consumer.BuildAsync("-p:LangVersion=9");
        Assert.NotEqual(0, langVersion9.ExitCode);
        Assert.True(Consumer.AsyncSysWarnings(langVersion9.Output) is ["ASYS0101"], "expected exactly ASYS0101:\n" + langVersion9.Describe());
        Assert.Contains("LangVersion is 9, but the code the [AsyncSyscall] generator writes needs C# 10", langVersion9.Output, StringComparison.Ordinal);

        // CompilerApiVersion is what the SDK reads from the compiler to choose analyzers/dotnet/roslynX.Y: as a
        // Roslyn 4.7 compiler, no folder of the package is loadable, the generator does not run (PReadAsync is missing).
        Cli.Result roslyn47 = await consumer.BuildAsync("-p:CompilerApiVersion=roslyn4.7");
        Assert.NotEqual(0, roslyn47.ExitCode);
        Assert.True(Consumer.AsyncSysWarnings(roslyn47.Output) is ["ASYS0100"], "expected exactly ASYS0100:\n" + roslyn47.Describe());
        Assert.Contains("this C# compiler (Roslyn 4.7) is older than Roslyn 4.8", roslyn47.Output, StringComparison.Ordinal);
        Assert.Contains("PReadAsync", roslyn47.Output, StringComparison.Ordinal);

        // As a Roslyn 4.8 compiler, the roslyn4.8 folder loads: the generator runs and the program builds without a warning.
        Cli.Result roslyn48 = (await consumer.BuildAsync("-p:CompilerApiVersion=roslyn4.8", "-p:TreatWarningsAsErrors=true")).EnsureSuccess();
        Assert.Empty(Consumer.AsyncSysWarnings(roslyn48.Output));
    }

    [Fact]
    public async Task Consumer_not_declared_linux_only_gets_CA1416_for_each_call_into_AsyncSys()
    {
        Consumer consumer = await _package.CreateConsumerAsync("CrossPlatformConsumer", new Dictionary<string, string>
        {
            ["TreatWarningsAsErrors"] = "false",
        });

        Cli.Result build = (await consumer.BuildAsync()).EnsureSuccess();
        Assert.Matches(@"Program\.cs\(4,\d+\): warning CA1416: .*'IoRing\.Shared' is only supported on: 'linux'", build.Output);
    }

    [Fact]
    public async Task A_refused_wrapper_is_reported_once_with_its_id_whether_or_not_the_build_runs_analyzers()
    {
        Consumer consumer = await _package.CreateConsumerAsync("RefusedWrapperConsumer", new Dictionary<string, string>
        {
            ["TreatWarningsAsErrors"] = "true",
        });
        string[] lines = File.ReadAllText(Path.Combine(consumer.Directory, "Program.cs")).ReplaceLineEndings("\n").Split('\n');
        int typeLine = Array.FindIndex(lines, l => l.StartsWith("internal static class Locks", StringComparison.Ordinal)) + 1;
        string expected = $"Program.cs({typeLine},{lines[typeLine - 1].IndexOf("Locks", StringComparison.Ordinal) + 1}): error ASYS0002: " +
            "Type 'Locks' must be partial so the asynchronous variant of 'Flock' can be generated into it " +
            "(https://github.com/asyncsys/asyncsys/blob/main/docs/diagnostics/ASYS0002.md)";

        // Skipped analyzers (the generator reports), then analyzers run (the analyzer reports): the same one line each time.
        foreach (string analyzers in new[] { "-p:RunAnalyzers=false", "-p:RunAnalyzersDuringBuild=false", "-p:RunAnalyzers=true" })
        {
            Cli.Result build = await consumer.BuildAsync(analyzers);

            Assert.NotEqual(0, build.ExitCode);
            // What the compiler reported, before MSBuild's summary repeats every error after "Build FAILED.".
            int summary = build.Output.IndexOf("Build FAILED.", StringComparison.Ordinal);
            Assert.True(summary > 0, build.Describe());
            MatchCollection reported = Regex.Matches(build.Output[..summary], @"Program\.cs\(\d+,\d+\): error ASYS\d{4}: [^\[]*");
            Assert.True(reported.Count == 1 && reported[0].Value.Trim() == expected, analyzers + ": expected exactly\n" + expected + "\n" + build.Describe());
            Assert.Contains("error CS0117: 'Locks' does not contain a definition for 'FlockAsync'", build.Output, StringComparison.Ordinal);
        }
    }
}
