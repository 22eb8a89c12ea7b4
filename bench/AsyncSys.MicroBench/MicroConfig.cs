using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AsyncSys.MicroBench;

/// <summary>
/// The default job: one launch, 5 warm-up and 15 measured iterations, so the whole set stays under 5 minutes.
/// In-process: the out-of-process toolchain builds a generated project under this repository, where
/// Directory.Build.props (warnings as errors, nullable) applies to code we do not control.
/// </summary>
public static class MicroConfig
{
    public static IConfig Default() => WithoutJob()
        .AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(5)
            .WithIterationCount(15)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("AsyncSys"));

    public static IConfig WithoutJob() => ManualConfig.Create(DefaultConfig.Instance)
        .AddDiagnoser(MemoryDiagnoser.Default);
}
