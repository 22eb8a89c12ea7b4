using System.Diagnostics;
using System.Threading;

namespace AsyncSys.Operations;

// Deferred cancellation registration, for backends that register tokens on their completion thread
// (IRingBackend.DefersTokenRegistration: io_uring). Registering a token costs about
// 130 ns per operation (UnsafeRegister + Dispose), more than an awaited Nop's own work; most ring operations
// (page-cache reads, nops) complete inside the io_uring_enter that submits them. So the submitter only
// records the token and queues the slot; the ring thread - the only thread that completes these operations -
// registers the ones still in flight after each reaping pass, and always before it sleeps.
internal sealed partial class Operation
{
    /// <summary>
    /// Records that this occupant's token must be registered by the ring thread. Call only after the entry is on
    /// the ring (after <see cref="MarkSubmitted"/>): from then on only the ring thread completes it.
    /// </summary>
    /// <returns>True if the slot must be pushed on the pending stack (it is not already there).</returns>
    internal bool DeferRegistration(ulong id)
    {
        Debug.Assert(Id == id && Volatile.Read(ref _submitted) == 1, "registration is deferred only for the submitter's occupant, once its entry is on the ring");
        Volatile.Write(ref _deferredRegistrationId, id);
        return Interlocked.Exchange(ref _queuedForRegistration, 1) == 0;
    }

    /// <summary>Whether this occupant's token can cancel it (the backend then registers it, <see cref="DeferRegistration"/>).</summary>
    internal bool HasCancellableToken => _token.CanBeCanceled;

    /// <summary>On the ring thread: registers the token if this occupant is still in flight and still waiting for it.</summary>
    internal void RegisterDeferred()
    {
        // A full fence between clearing the flag and reading the id: a new occupant either finds the flag
        // clear and queues the slot again, or finds it set, in which case we read its id here (its id
        // store precedes its own exchange on the flag).
        Interlocked.Exchange(ref _queuedForRegistration, 0);
        ulong id = Volatile.Read(ref _deferredRegistrationId);
        if (id == 0 || id != Id)
        {
            return; // an earlier occupant's entry, or nothing to do
        }

        _deferredRegistrationId = 0;
        if (Phase != OperationPhase.OnRing)
        {
            // Completed in the same pass (only this thread completes ring operations): nothing to pay. Or moved to a
            // worker in that pass (Operation.Requeue.cs), which registered the token as it left the ring.
            return;
        }

        // May run the callback at once if the token was cancelled meanwhile; RequestCancel handles that.
        _registration = _token.UnsafeRegister(static s => ((Operation)s!).OnTokenCancelled(), this);
    }
}
