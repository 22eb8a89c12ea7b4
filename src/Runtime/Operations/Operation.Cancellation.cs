using System.Diagnostics;
using System.Threading;

namespace AsyncSys.Operations;

// Cancellation: a request to stop is recorded for one occupant (the generation travels with it), then sent to
// whatever runs the operation: the kernel (a cancel entry), a worker (its cancel hook or an interrupt) or nobody
// yet (whoever starts it sees the request). The operation still ends only with its own completion.
internal sealed partial class Operation
{
    /// <summary>Whether a cancellation callback is registered for the current occupant (tests check none is made for uncancellable tokens).</summary>
    internal bool HasCancellationRegistration => _registration.Token.CanBeCanceled;

    /// <summary>Registers the caller's token; must come before the operation is handed to a backend.</summary>
    /// <param name="token">The caller's token.</param>
    /// <param name="deferToCompletionThread">The backend registers it later, on its completion thread (<see cref="Backends.IRingBackend.DefersTokenRegistration"/>).</param>
    internal void RegisterCancellation(CancellationToken token, bool deferToCompletionThread = false)
    {
        _token = token;
        if (token.CanBeCanceled && !deferToCompletionThread)
        {
            // Invariant: no registration when the token cannot cancel (no allocation, no callback).
            _registration = token.UnsafeRegister(static s => ((Operation)s!).OnTokenCancelled(), this);
        }
    }

    private void OnTokenCancelled() => RequestCancel(CancelReason.Caller, Id);

    /// <summary>
    /// Asks for this occupant (<paramref name="id"/>) to be cancelled. Harmless when the slot has moved on
    /// to another generation or the operation already completed.
    /// </summary>
    /// <returns>True if this call recorded the request (it was the first, for the right generation).</returns>
    internal bool RequestCancel(CancelReason reason, ulong id, bool sendToKernel = true)
    {
        Debug.Assert(reason != CancelReason.None, "a cancel request names who asked");
        int generation = (int)(id >> 32);
        long expected = (long)generation << 8;
        if (Interlocked.CompareExchange(ref _generationAndCancel, expected | (uint)reason, expected) != expected)
        {
            return false;
        }

        switch (Phase)
        {
            case OperationPhase.OnRing:
                // Only once the entry is on the ring: a cancel that overtook its target would find nothing.
                // MarkSubmitted covers the other order (Dekker on _submitted and the cancel word).
                if (sendToKernel && Volatile.Read(ref _submitted) == 1 && TryMarkCancelSent(id))
                {
                    Ring.SendCancel(this, id);
                }

                break;
            case OperationPhase.OnWorker:
                Ring.Workers.InterruptRunning(this, id);
                break;

            // Queued: whoever starts it (submitter or worker) sees the request and completes it as cancelled.
        }

        return true;
    }

    /// <summary>Records that the entry is on the ring; sends the cancel now if one was requested meanwhile.</summary>
    internal void MarkSubmitted(ulong id)
    {
        // The awaiter cannot have taken the result yet (its ValueTask is made after the submit returns), so the
        // slot still holds this occupant, whatever the completion thread did meanwhile.
        Debug.Assert(Id == id, "the submitter's occupant is still in the slot");
        Interlocked.Exchange(ref _submitted, 1);
        if (IsCancellationRequested && Id == id && TryMarkCancelSent(id))
        {
            Ring.SendCancel(this, id);
        }
    }

    /// <summary>True the first time it is called for occupant <paramref name="id"/>: a cancel request goes to the kernel at most once per occupant.</summary>
    internal bool TryMarkCancelSent(ulong id)
    {
        ulong current = Volatile.Read(ref _cancelSentFor);
        while (current != id)
        {
            if (Id != id)
            {
                return false; // the slot moved on: this occupant is gone, and the next one keeps its own cancel
            }

            ulong seen = Interlocked.CompareExchange(ref _cancelSentFor, id, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>
    /// Reads the current occupant's id, descriptor and tag as one consistent set (a seqlock on the prepared id):
    /// false while the slot is between occupants or changed while we read. A recycled slot can otherwise pair
    /// one occupant's id with the previous occupant's descriptor (issue 16, item 8).
    /// </summary>
    internal bool TryReadIdentity(out ulong id, out int fd, out object? tag)
    {
        id = Volatile.Read(ref _preparedId);
        fd = Fd;
        tag = Request.TagValue;

        // Full fence: the reads above complete before the re-read below (acquire alone does not order them).
        Interlocked.MemoryBarrier();
        return id != 0 && Volatile.Read(ref _preparedId) == id && Id == id;
    }

    /// <summary>Whether <paramref name="id"/> is the current occupant and its request is filled in (the prepared id vouches for it).</summary>
    internal bool IsPreparedAs(ulong id) => id != 0 && Volatile.Read(ref _preparedId) == id;

    /// <summary>Attaches the deadline timer armed for this occupant; disposed when the operation completes.</summary>
    internal void AttachDeadline(DeadlineTimer deadline)
    {
        Debug.Assert(_deadline is null, "one deadline timer per occupant");
        _deadline = deadline;
    }

    private void DisposeDeadline() => Interlocked.Exchange(ref _deadline, null)?.Dispose();
}
