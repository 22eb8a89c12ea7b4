using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using AsyncSys.Package.Tests.Infrastructure;

namespace AsyncSys.Package.Tests;

/// <summary>
/// lib/net8.0 runs, not only builds: a consumer published self-contained for net8.0 (the 8.0 runtime pack comes
/// from the package feed, so no .NET 8 runtime needs to be installed) runs on io_uring, Linux AIO and workers.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class Net8SelfContainedTests
{
    // One publish for the three runs (the theory's cases run one after another in this collection).
    private static Consumer? _consumer;
    private static string? _program;

    private readonly PackageFixture _package;

    public Net8SelfContainedTests(PackageFixture package) => _package = package;

    [Theory]
    [InlineData("io_uring", "IoUring")]
    [InlineData("aio", "LinuxAio")]
    [InlineData("workers", "Workers")]
    public async Task Self_contained_net8_consumer_runs_generated_ring_and_worker_calls_on_each_backend(string variable, string backend)
    {
        string program = await PublishOnceAsync();
        Cli.Result run = await _consumer!.RunRingConsumerAsync(program, variable, backend);
        Assert.Contains("Runtime: .NET 8.0.", run.Output, StringComparison.Ordinal);
    }

    private async Task<string> PublishOnceAsync()
    {
        if (_program is not null)
        {
            return _program;
        }

        Consumer consumer = await _package.CreateConsumerAsync("RingConsumer", new Dictionary<string, string>
        {
            ["TargetFramework"] = "net8.0",
            ["RuntimeIdentifier"] = "linux-x64",
            ["SelfContained"] = "true",
            ["AllowUnsafeBlocks"] = "true",
            ["TreatWarningsAsErrors"] = "true",
        }, name: "Net8Consumer");
        string publish = Path.Combine(consumer.Directory, "publish");
        Cli.Result result = await consumer.PublishAsync(publish);

        // Self-contained on 8.0: the runtime itself is in the folder, taken from the feed's runtime pack.
        Assert.True(File.Exists(Path.Combine(publish, "libcoreclr.so")), "no libcoreclr.so in the publish folder:\n" + result.Describe());
        using JsonDocument config = JsonDocument.Parse(File.ReadAllText(Path.Combine(publish, "Net8Consumer.runtimeconfig.json")));
        JsonElement framework = config.RootElement.GetProperty("runtimeOptions").GetProperty("includedFrameworks")[0];
        Assert.Equal("Microsoft.NETCore.App", framework.GetProperty("name").GetString());
        Assert.StartsWith("8.0.", framework.GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(publish, "AsyncSys.Runtime.dll")));

        _consumer = consumer;
        _program = Path.Combine(publish, "Net8Consumer");
        return _program;
    }
}
