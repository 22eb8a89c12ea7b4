using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using AsyncSys.Package.Tests.Infrastructure;

namespace AsyncSys.Package.Tests;

/// <summary>
/// The runtime says it is trimmable and AOT-compatible (no reflection): a consumer published with native AOT, generated
/// variants and all, compiles without a single warning (trim and AOT analysis included) and runs its ring call and its
/// worker call on each backend as a native program.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class NativeAotTests
{
    // One publish for the three runs (the theory's cases run one after another in this collection).
    private static string? _program;
    private static Consumer? _consumer;

    private readonly PackageFixture _package;

    public NativeAotTests(PackageFixture package) => _package = package;

    [Theory]
    [InlineData("io_uring", "IoUring")]
    [InlineData("aio", "LinuxAio")]
    [InlineData("workers", "Workers")]
    public async Task Native_aot_consumer_publishes_without_warnings_and_runs_generated_ring_and_worker_calls_on_each_backend(string variable, string backend)
    {
        string program = await PublishOnceAsync();
        await _consumer!.RunRingConsumerAsync(program, variable, backend);
    }

    private async Task<string> PublishOnceAsync()
    {
        if (_program is not null)
        {
            return _program;
        }

        Consumer consumer = await _package.CreateConsumerAsync("RingConsumer", new Dictionary<string, string>
        {
            ["TargetFramework"] = "net10.0",
            ["RuntimeIdentifier"] = "linux-x64",
            ["PublishAot"] = "true",
            ["AllowUnsafeBlocks"] = "true",
            ["TreatWarningsAsErrors"] = "true",
            ["ILLinkTreatWarningsAsErrors"] = "true",
        }, name: "AotConsumer");
        string publish = Path.Combine(consumer.Directory, "publish");
        Cli.Result result = await consumer.PublishAsync(publish);

        // Warnings as errors covers the compiler; the AOT compiler's own trim and AOT warnings (IL2xxx, IL3xxx) are
        // checked in its output too, whatever they are treated as.
        Assert.DoesNotMatch(@"(?i)\bwarning [A-Z]+[0-9]+", result.Output);

        // A native program: no managed entry assembly, no runtime beside it.
        string program = Path.Combine(publish, "AotConsumer");
        Assert.True(File.Exists(program), "no native program in the publish folder:\n" + result.Describe());
        Assert.False(File.Exists(Path.Combine(publish, "AotConsumer.dll")), "the publish folder holds a managed AotConsumer.dll: not a native AOT publish\n" + result.Describe());
        Assert.False(File.Exists(Path.Combine(publish, "AsyncSys.Runtime.dll")), "the runtime was copied as a managed assembly: not compiled in\n" + result.Describe());

        _consumer = consumer;
        _program = program;
        return program;
    }
}
