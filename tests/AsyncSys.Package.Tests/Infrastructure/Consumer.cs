using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace AsyncSys.Package.Tests.Infrastructure;

/// <summary>A fresh console project that references the AsyncSys package.</summary>
internal sealed partial class Consumer
{
    private readonly PackageFixture _fixture;

    internal Consumer(PackageFixture fixture, string directory, string projectFile, string name)
    {
        _fixture = fixture;
        Directory = directory;
        ProjectFile = projectFile;
        Name = name;
    }

    public string Directory { get; }

    public string ProjectFile { get; }

    public string Name { get; }

    public string OutputAssembly => Path.Combine(Directory, "bin", "Release", "net10.0", Name + ".dll");

    /// <summary>Restores and builds in Release, with <paramref name="extraArguments"/> (e.g. -p:X=Y); the caller decides whether a failure is expected.</summary>
    public Task<Cli.Result> BuildAsync(params string[] extraArguments) =>
        Cli.DotnetAsync(Directory, PackageFixture.StepTimeout, _fixture.Environment, ["build", ProjectFile, "-c", "Release", "-nologo", "-tl:off", "-nodeReuse:false", "-p:UseSharedCompilation=false", .. extraArguments]);

    public Task<Cli.Result> RunAsync() =>
        Cli.DotnetAsync(Directory, TimeSpan.FromSeconds(60), _fixture.Environment, OutputAssembly);

    /// <summary><c>dotnet publish</c> of this consumer in Release into <paramref name="output"/>; fails the test if it fails.</summary>
    public async Task<Cli.Result> PublishAsync(string output) =>
        (await DotnetAsync("publish", ProjectFile, "-c", "Release", "-o", output, "-nologo", "-tl:off", "-nodeReuse:false", "-p:UseSharedCompilation=false")).EnsureSuccess();

    /// <summary>
    /// Runs a published RingConsumer (Consumers/RingConsumer) with ASYNCSYS_BACKEND=<paramref name="backendVariable"/> and
    /// checks it ran on <paramref name="backend"/>: its generated ring call read the file, its generated worker call
    /// locked it, and a bad descriptor came back as EBADF.
    /// </summary>
    public async Task<Cli.Result> RunRingConsumerAsync(string program, string backendVariable, string backend)
    {
        Cli.Result run = (await RunProgramAsync(program, new Dictionary<string, string> { ["ASYNCSYS_BACKEND"] = backendVariable })).EnsureSuccess();
        Assert.Contains($"Backend: {backend}; ", run.Output, StringComparison.Ordinal);
        Assert.Contains("pread read 16 bytes: 'through the ring'", run.Output, StringComparison.Ordinal);
        Assert.Contains("flock returned 0", run.Output, StringComparison.Ordinal);
        Assert.Contains("flock on a bad descriptor: EBADF", run.Output, StringComparison.Ordinal);
        return run;
    }

    /// <summary>Runs a program file (a published app host) with the fixture's environment plus <paramref name="environment"/>.</summary>
    public Task<Cli.Result> RunProgramAsync(string program, IReadOnlyDictionary<string, string> environment) =>
        Cli.RunAsync(program, Directory, TimeSpan.FromSeconds(60), WithFixtureEnvironment(environment));

    /// <summary>Runs <c>dotnet</c> with the fixture's environment plus <paramref name="environment"/>.</summary>
    public Task<Cli.Result> DotnetWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Cli.DotnetAsync(Directory, PackageFixture.StepTimeout, WithFixtureEnvironment(environment), arguments);

    private Dictionary<string, string> WithFixtureEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        var merged = new Dictionary<string, string>(_fixture.Environment);
        foreach ((string name, string value) in environment)
        {
            merged[name] = value;
        }

        return merged;
    }

    public Task<Cli.Result> DotnetAsync(params string[] arguments) =>
        Cli.DotnetAsync(Directory, PackageFixture.StepTimeout, _fixture.Environment, arguments);

    /// <summary>The distinct "warning ASYSnnnn" ids in a build's output (MSBuild repeats each in its summary).</summary>
    public static string[] AsyncSysWarnings(string buildOutput)
    {
        var ids = new System.Collections.Generic.SortedSet<string>(StringComparer.Ordinal);
        foreach (Match match in WarningId().Matches(buildOutput))
        {
            ids.Add(match.Groups["id"].Value);
        }

        return new System.Collections.Generic.List<string>(ids).ToArray();
    }

    [GeneratedRegex(@"warning (?<id>ASYS\d{4})\b")]
    private static partial Regex WarningId();
}
