// The owner is recorded from the thread that holds the gate after the wait.
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
        await _gate.WaitAsync(cancellationToken);
        _ownerThreadId = Environment.CurrentManagedThreadId;
    }

    public void Exit()
    {
        _ownerThreadId = 0;
        _gate.Release();
    }
}
