// The same benchmark measuring the whole read: the benchmark method returns the read's task, which the harness awaits before the iteration's cleanup runs, so the block is returned to the pool only after the kernel is done with it.
using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus62.IterationCleanupReturnsOk;

[AttributeUsage(AttributeTargets.Method)]
internal sealed class BenchmarkAttribute : Attribute { }

[AttributeUsage(AttributeTargets.Method)]
internal sealed class IterationSetupAttribute : Attribute { }

[AttributeUsage(AttributeTargets.Method)]
internal sealed class IterationCleanupAttribute : Attribute { }

public class SubmissionBenchmarks
{
    private readonly IoRing _ring = IoRing.Create();
    private readonly int _fd = 3;
    private byte[] _rented = [];

    [IterationSetup]
    public void RentBlock() => _rented = ArrayPool<byte>.Shared.Rent(64 * 1024);

    [Benchmark]
    public async Task<int> ReadBlock() => await _ring.ReadAsync(_fd, _rented, 0);

    [IterationCleanup]
    public void ReturnBlock()
    {
        ArrayPool<byte>.Shared.Return(_rented);
        _rented = [];
    }
}
