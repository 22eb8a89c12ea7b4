using System;
using AsyncSys.Operations;

namespace AsyncSys.Backends;

/// <summary>
/// A kernel interface that runs operations: io_uring, Linux AIO, or none (everything on workers). <see cref="IoRing"/>
/// knows backends only through this interface: everything that differs between them (which operations and requests
/// they take, how deadlines and cancellation tokens are handled, what they need per operation) is asked here, and
/// each answer comes from what the backend probed on the running kernel when it was set up.
/// </summary>
internal interface IRingBackend : IDisposable
{
    /// <summary>Which backend this is.</summary>
    IoBackend Kind { get; }

    /// <summary>Whether <paramref name="op"/> goes on the kernel ring (else the ring sends it to a worker).</summary>
    bool IsNative(RingOp op);

    /// <summary>
    /// Whether this particular request of a native kind can go on the ring (else it goes to a worker): the limits
    /// of the backend's submission format, such as a 32-bit length field or a required file offset.
    /// </summary>
    bool Accepts(in RingRequest request);

    /// <summary>
    /// Whether a request's deadline rides on the ring with the operation itself (io_uring's linked timeout). When
    /// false, <see cref="IoRing"/> arms a timer that requests cancellation instead.
    /// </summary>
    bool CanLinkTimeout { get; }

    /// <summary>Whether this operation's deadline rides on the ring as a linked timeout (see <see cref="CanLinkTimeout"/>).</summary>
    bool LinksTimeout(RingOp op);

    /// <summary>
    /// Whether the backend registers the caller's cancellation token itself, on its completion thread, and only for
    /// operations still in flight after their first pass (<see cref="QueueRegistration"/>). When false, the token
    /// is registered before the operation is handed over.
    /// </summary>
    bool DefersTokenRegistration { get; }

    /// <summary>
    /// How many bytes of each operation's scratch area the backend uses for its own per-operation kernel structures
    /// (<see cref="Operation.BackendScratch{T}"/>); at most <see cref="Operation.BackendScratchSize"/>.
    /// </summary>
    int OperationScratchSize { get; }

    /// <summary>Whether the calling thread is this backend's completion thread (where inline continuations run).</summary>
    bool IsCompletionThread => CompletionThreadId != 0 && Environment.CurrentManagedThreadId == CompletionThreadId;

    /// <summary>
    /// The managed thread id of the completion thread (0: none). Fixed once the backend is made; <see cref="Stop"/> joins
    /// that thread, so nothing it runs outlives a successful stop.
    /// </summary>
    int CompletionThreadId { get; }

    /// <summary>Puts an operation (already in phase OnRing) on the ring. Never blocks on the kernel.</summary>
    /// <returns>
    /// True when its entry is on the ring now: the caller then marks it submitted (<see cref="Operation.MarkSubmitted"/>)
    /// and queues its token (<see cref="QueueRegistration"/>). False when the backend holds the entry back to write it
    /// later with others (code on the completion thread) and does both itself once the entry is on the ring, or when
    /// the ring failed for good and the backend completed the operation with that errno instead.
    /// </returns>
    bool Submit(Operation operation);

    /// <summary>
    /// Registers the token of occupant <paramref name="id"/> later, on the completion thread, if it is still in
    /// flight then. Only when <see cref="DefersTokenRegistration"/> is true, after <see cref="Submit"/>.
    /// </summary>
    void QueueRegistration(Operation operation, ulong id);

    /// <summary>Asks the kernel to cancel the operation with <paramref name="id"/>; harmless if it already completed.</summary>
    void Cancel(Operation operation, ulong id);

    /// <summary>
    /// Whether the backend can cancel every operation (on <paramref name="fd"/>, or all when -1) with one kernel
    /// request now: the kernel was found to support it at setup and the ring still works.
    /// </summary>
    bool TryBeginCancelAll(int fd);

    /// <summary>Sends that one request; only after <see cref="TryBeginCancelAll"/> returned true.</summary>
    void CancelAll(int fd);

    /// <summary>The completion thread's synchronization context, where code can run and await without leaving it; null when the backend has none.</summary>
    Operations.RingSynchronizationContext? ContinuationContext { get; }

    /// <summary>Stops the completion thread once nothing is in flight or the deadline passed.</summary>
    void Stop(TimeSpan timeout);
}
