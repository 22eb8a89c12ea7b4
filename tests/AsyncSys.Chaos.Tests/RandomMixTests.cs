using System;
using System.Threading.Tasks;
using Xunit.Abstractions;

namespace AsyncSys.Chaos.Tests;

/// <summary>
/// Randomized control-call mixes on every backend. The seed is printed with every run and in every failure;
/// <c>ASYNCSYS_CHAOS_SEED=N</c> replays it (thread interleavings still vary: the seed fixes the choices).
/// </summary>
[Collection(ChaosCollection.Name)]
public sealed class RandomMixTests(ITestOutputHelper output)
{
    public static TheoryData<IoBackend> AllBackends => new() { IoBackend.IoUring, IoBackend.LinuxAio, IoBackend.Workers };

    [Theory]
    [MemberData(nameof(AllBackends))]
    public async Task Every_operation_completes_exactly_once_under_a_random_mix_of_control_calls(IoBackend backend)
    {
        int seed = ChaosSettings.Seed;
        var baseline = ProcessBaseline.Take();
        ChaosReport report = await ChaosMix.RunAsync(backend, seed, ChaosSettings.MixDuration, TimeSpan.FromMilliseconds(ChaosSettings.Long ? 2000 : 400));
        output.WriteLine($"{backend}, seed {seed}: {report}");

        string replay = $" (seed {seed}: {ChaosSettings.SeedVariable}={seed} replays it)";
        Assert.True(report.Defects.IsEmpty, string.Join("\n", report.Defects) + replay);
        Assert.True(report.Submitted == report.Completed, $"{report.Submitted} submitted but {report.Completed} completed" + replay);
        Assert.True(report.Submitted > 0, "nothing was submitted" + replay);
        Assert.Null(baseline.WaitForReturn(threadSlack: int.MaxValue, within: TimeSpan.FromSeconds(10)));
    }
}

/// <summary>Chaos tests run one at a time: each one measures descriptors and threads of the whole process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChaosCollection
{
    public const string Name = "chaos";
}
