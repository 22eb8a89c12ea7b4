using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using AsyncSys.Package.Tests.Infrastructure;

namespace AsyncSys.Package.Tests;

/// <summary>
/// A fresh `dotnet new console` app that references only the AsyncSys package: the generator writes the async
/// variants, the build is warning-free with warnings as errors, and the app runs on the real kernel.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ConsumerTests
{
    private readonly PackageFixture _package;

    public ConsumerTests(PackageFixture package) => _package = package;

    [Fact]
    public async Task Fresh_console_app_builds_warning_free_runs_a_ring_call_and_a_worker_call_and_compiles_only_against_the_runtime()
    {
        Consumer consumer = await _package.CreateConsumerAsync("RingConsumer", new Dictionary<string, string>
        {
            ["TreatWarningsAsErrors"] = "true",
            ["AllowUnsafeBlocks"] = "true",
            ["EmitCompilerGeneratedFiles"] = "true",
        });

        Cli.Result build = (await consumer.BuildAsync()).EnsureSuccess();
        Assert.Empty(Consumer.AsyncSysWarnings(build.Output));

        Cli.Result run = (await consumer.RunAsync()).EnsureSuccess();
        Assert.Contains("pread read 16 bytes: 'through the ring'", run.Output, StringComparison.Ordinal);
        Assert.Contains("flock returned 0", run.Output, StringComparison.Ordinal);
        Assert.Contains("flock on a bad descriptor: EBADF", run.Output, StringComparison.Ordinal);
        Assert.Contains("Backend: ", run.Output, StringComparison.Ordinal);
        Assert.Contains("Runtime: .NET 10.", run.Output, StringComparison.Ordinal);

        // The generator ran from the package: one file per wrapper, where EmitCompilerGeneratedFiles puts them.
        string generated = Path.Combine(consumer.Directory, "obj", "Release", "net10.0", "generated", "AsyncSys.Generator", "AsyncSys.Generator.AsyncSyscallGenerator");
        // Hint names carry a hash of the wrapper's documentation id, so overloads and names differing in case never collide.
        Assert.True(Directory.Exists(generated), build.Describe());
        Assert.Single(Directory.GetFiles(generated, "Libc.PRead.*.AsyncSyscall.g.cs"));
        Assert.Single(Directory.GetFiles(generated, "Libc.Flock.*.AsyncSyscall.g.cs"));

        // The only compile reference is the runtime; no Roslyn assembly is restored, referenced or copied.
        using JsonDocument assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer.Directory, "obj", "project.assets.json")));
        JsonElement root = assets.RootElement;
        Assert.DoesNotContain(root.GetProperty("libraries").EnumerateObject(), l => l.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase));
        JsonElement package = root.GetProperty("targets").GetProperty("net10.0").GetProperty("AsyncSys/" + _package.Version);
        Assert.Equal(new[] { "lib/net10.0/AsyncSys.Runtime.dll" }, package.GetProperty("compile").EnumerateObject().Select(p => p.Name));
        string bin = Path.GetDirectoryName(consumer.OutputAssembly)!;
        Assert.True(File.Exists(Path.Combine(bin, "AsyncSys.Runtime.dll")));
        Assert.Empty(Directory.GetFiles(bin, "Microsoft.CodeAnalysis*.dll"));
        Assert.Empty(Directory.GetFiles(bin, "AsyncSys.Generator.dll").Concat(Directory.GetFiles(bin, "AsyncSys.Analyzers*.dll")));

        // AsyncSysPooledAsyncMethods=false (any case) through the package's targets: the worker variant (flock has no
        // ring operation) is compiled without the pooling builder, and the app still runs.
        Assert.True(run.Output.Contains("flock variant pooled: True", StringComparison.Ordinal), run.Output);
        (await consumer.BuildAsync("-p:AsyncSysPooledAsyncMethods=False")).EnsureSuccess();
        run = (await consumer.RunAsync()).EnsureSuccess();
        Assert.Contains("flock variant pooled: False", run.Output, StringComparison.Ordinal);
        Assert.Contains("flock on a bad descriptor: EBADF", run.Output, StringComparison.Ordinal);
    }
}
