using System;
using System.Threading;

namespace AsyncSys.Operations;

/// <summary>
/// Who asked an operation to stop, which decides what its awaiter gets. Kept in the low 8 bits of the slot's
/// generation word, so a request for an earlier occupant can never mark the next one.
/// </summary>
internal enum CancelReason
{
    /// <summary>Nobody: the operation runs to its own end.</summary>
    None = 0,

    /// <summary>The caller's cancellation token: <see cref="System.OperationCanceledException"/> carrying that token.</summary>
    Caller = 1,

    /// <summary>The ring is being disposed: <see cref="System.ObjectDisposedException"/>.</summary>
    Dispose = 2,

    /// <summary>The request's deadline passed (<see cref="RingRequest.WithTimeout"/>): <see cref="ErrnoException"/> ETIME.</summary>
    Deadline = 3,

    /// <summary><see cref="IoRing.CancelAll"/>, <see cref="IoRing.CancelByFd"/> or <see cref="IoRing.CancelByTag"/>.</summary>
    Request = 4,
}

/// <summary>What an awaiter gets for a cancellation that was not a deadline: one place for the messages, which the full
/// path (<see cref="Operation"/>) and calls run without a slot (<see cref="ShortBlockingCalls"/>) both give.</summary>
internal static class CancelOutcome
{
    /// <summary>The exception for <paramref name="reason"/> (<see cref="CancelReason.Deadline"/> is the operation's own: it names its syscall).</summary>
    internal static Exception For(CancelReason reason, CancellationToken token) => reason switch
    {
        CancelReason.Dispose => new ObjectDisposedException(nameof(IoRing), "The ring was disposed while the operation was in flight."),
        CancelReason.Request => new OperationCanceledException("The operation was cancelled by IoRing.CancelAll, CancelByFd or CancelByTag."),
        _ => new OperationCanceledException(token.IsCancellationRequested ? "The operation was cancelled." : "The operation was cancelled by a cancel-all request.", token),
    };
}
