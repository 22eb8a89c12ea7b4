using System;
using AsyncSys.Operations;

namespace AsyncSys.Backends;

/// <summary>The backend of last resort: no kernel ring, every operation runs on the worker pool.</summary>
internal sealed class NoRingBackend : IRingBackend
{
    public IoBackend Kind => IoBackend.Workers;

    public bool CanLinkTimeout => false;

    public bool LinksTimeout(RingOp op) => false;

    public bool DefersTokenRegistration => false;

    public int OperationScratchSize => 0;

    public int CompletionThreadId => 0;

    public Operations.RingSynchronizationContext? ContinuationContext => null;

    public bool IsNative(RingOp op) => false;

    public bool Accepts(in RingRequest request) => false;

    public bool Submit(Operation operation) =>
        throw new InvalidOperationException("The worker backend has no ring; operations go to workers.");

    public void QueueRegistration(Operation operation, ulong id) =>
        throw new InvalidOperationException("The worker backend has no ring; tokens are registered before the hand-off.");

    public void Cancel(Operation operation, ulong id)
    {
    }

    public bool TryBeginCancelAll(int fd) => false;

    public void CancelAll(int fd) => throw new NotSupportedException();

    public void Stop(TimeSpan timeout)
    {
    }

    public void Dispose()
    {
    }
}
