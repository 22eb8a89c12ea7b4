using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using AsyncSys.Package.Tests.Infrastructure;

namespace AsyncSys.Package.Tests;

/// <summary>The package's analyzers report in a consumer's build, and `dotnet format` applies the package's code fix.</summary>
[Collection(PackageCollection.Name)]
public sealed class AnalyzerConsumerTests
{
    private readonly PackageFixture _package;

    public AnalyzerConsumerTests(PackageFixture package) => _package = package;

    [Fact]
    public async Task Blocking_wrapper_in_async_method_is_reported_and_dotnet_format_fixes_it_with_the_generated_variant()
    {
        Consumer consumer = await _package.CreateConsumerAsync("ViolationConsumer", new Dictionary<string, string>
        {
            ["AllowUnsafeBlocks"] = "true",
            ["TreatWarningsAsErrors"] = "false",
        });
        string program = Path.Combine(consumer.Directory, "Program.cs");
        string before = File.ReadAllText(program);

        Cli.Result build = (await consumer.BuildAsync()).EnsureSuccess();
        Assert.True(Consumer.AsyncSysWarnings(build.Output) is ["ASYS1007"], "expected exactly ASYS1007:\n" + build.Describe());
        int markedLine = Array.FindIndex(before.ReplaceLineEndings("\n").Split('\n'), l => l.Contains("// ASYS1007", StringComparison.Ordinal)) + 1;
        Assert.Contains($"Program.cs({markedLine},", build.Output, StringComparison.Ordinal);

        (await consumer.DotnetAsync("format", "analyzers", consumer.ProjectFile, "--diagnostics", "ASYS1007", "--severity", "warn")).EnsureSuccess();

        string after = File.ReadAllText(program);
        Assert.NotEqual(before, after);
        Assert.Contains("return await FlockAsync(fd, 2, cancellationToken); // ASYS1007", after, StringComparison.Ordinal);

        Cli.Result rebuild = (await consumer.BuildAsync()).EnsureSuccess();
        Assert.Empty(Consumer.AsyncSysWarnings(rebuild.Output));
    }
}
