using AsyncSys.Bench.Probes;
using BenchmarkDotNet.Attributes;

namespace AsyncSys.MicroBench;

/// <summary>
/// Renting a slot from the op table and giving it back unused: the admission path every op pays. Through
/// <see cref="OperationTableProbe"/> (public, in AsyncSys.Bench), since only that assembly sees the table.
/// </summary>
[MemoryDiagnoser]
public class OperationTableBenchmarks
{
    private OperationTableProbe _probe = null!;

    [GlobalSetup]
    public void Setup() => _probe = new OperationTableProbe(capacity: 1024);

    [GlobalCleanup]
    public void Cleanup() => _probe.Dispose();

    [Benchmark(Description = "op table rent + return")]
    public bool RentAndReturn() => _probe.RentAndReturn();
}
