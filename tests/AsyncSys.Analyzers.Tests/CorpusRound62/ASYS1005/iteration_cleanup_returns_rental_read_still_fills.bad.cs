// A BenchmarkDotNet benchmark of "fire and measure submission cost" rents a block in [IterationSetup], starts a ring read into it from the void benchmark method and keeps the task in a field, and [IterationCleanup] returns the rental to the pool. Nothing waits for the read: the harness calls the cleanup as soon as the void method returns, so the kernel is still filling the block after the pool has handed it to the next renter.
using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus62.IterationCleanupReturnsBad;

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
    private ValueTask<int> _pending;

    [IterationSetup]
    public void RentBlock() => _rented = ArrayPool<byte>.Shared.Rent(64 * 1024);

    [Benchmark]
    public void SubmitRead() => _pending = _ring.ReadAsync(_fd, _rented, 0);

    [IterationCleanup]
    public void ReturnBlock()
    {
        /*~ASYS1005*/ArrayPool<byte>.Shared.Return(_rented);
        _rented = [];
    }

    public int LastRead() => _pending.IsCompletedSuccessfully ? _pending.Result : -1;
}
