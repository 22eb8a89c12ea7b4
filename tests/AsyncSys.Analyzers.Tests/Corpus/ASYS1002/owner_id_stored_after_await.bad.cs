// A lock records its owner thread id read before the wait; the code continues on another thread.
using System;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus;

internal sealed class OwnedGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _ownerThreadId;

    public bool IsHeldByCurrentThread => _ownerThreadId == Environment.CurrentManagedThreadId;

    public async Task EnterAsync(CancellationToken cancellationToken)
    {
        int me = Environment.CurrentManagedThreadId;
        await _gate.WaitAsync(cancellationToken);
        _ownerThreadId = /*~ASYS1002*/me;
    }

    public void Exit()
    {
        _ownerThreadId = 0;
        _gate.Release();
    }
}
