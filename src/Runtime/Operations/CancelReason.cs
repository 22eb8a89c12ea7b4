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
