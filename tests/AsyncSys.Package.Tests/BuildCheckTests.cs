using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncSys.Package.Tests.Infrastructure;

namespace AsyncSys.Package.Tests;

/// <summary>
/// What a consumer's build says when it cannot use the package as is: the package's buildTransitive check
/// (ASYS0100, ASYS0101) and the runtime's platform annotation (CA1416).
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
}
