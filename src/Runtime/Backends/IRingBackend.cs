using System;
using AsyncSys.Operations;

namespace AsyncSys.Backends;

/// <summary>A kernel interface that runs operations: io_uring, Linux AIO, or none (everything on workers).</summary>
internal interface IRingBackend : IDisposable
{
    /// <summary>Which backend this is.</summary>
    IoBackend Kind { get; }

    /// <summary>Whether <paramref name="op"/> goes on the kernel ring (else the ring sends it to a worker).</summary>
    bool IsNative(RingOp op);

    /// <summary>Whether this particular request of a native kind can go on the ring (else it goes to a worker).</summary>
    bool Accepts(in RingRequest request) => true;

    /// <summary>Whether the calling thread is this backend's completion thread (where inline continuations run).</summary>
    bool IsCompletionThread => false;

    /// <summary>Puts an operation (already in phase OnRing) on the ring. Never blocks on the kernel.</summary>
    void Submit(Operation operation);

    /// <summary>Asks the kernel to cancel the operation with <paramref name="id"/>; harmless if it already completed.</summary>
    void Cancel(Operation operation, ulong id);

    /// <summary>Whether the backend can cancel every operation (on <paramref name="fd"/>, or all when -1) with one kernel request.</summary>
    bool TryBeginCancelAll(int fd);

    /// <summary>Sends that one request; only after <see cref="TryBeginCancelAll"/> returned true.</summary>
    void CancelAll(int fd);

    /// <summary>Stops the completion thread once nothing is in flight or the deadline passed.</summary>
    void Stop(TimeSpan timeout);
}
