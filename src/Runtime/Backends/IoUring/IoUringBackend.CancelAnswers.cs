using System.Collections.Generic;
using System.Threading;
using AsyncSys.Operations;

namespace AsyncSys.Backends.IoUring;

/// <summary>
/// What the ring does with the kernel's answer to each cancel request. A cancel is a request: IORING_OP_ASYNC_CANCEL
/// completes with 0 (found and cancelled: the target's own completion follows), -ENOENT (no such request in flight) or
/// -EALREADY (found, but running where it cannot be stopped at once; io-wq was told to interrupt it). Only the first
/// answer ends the matter. The other two leave an operation that may still be in flight, and one waiting on an idle
/// socket or an empty pipe would then wait for ever:
/// <list type="bullet">
/// <item>-ENOENT while the operation is still on the ring: the kernel did not have it in a state a cancel can find
/// (it had not been issued yet, or it was between two of its own states, such as a poll-driven retry); the man page
/// says the request may simply have completed, which the ring tells apart by its table: a finished operation is no
/// longer on the ring, and nothing is sent again.</item>
/// <item>-EALREADY: io_uring_prep_cancel(3) says the request "will complete shortly, either successfully, or
/// interrupted due to the cancelation"; a blocking call in io-wq (a splice, a receive io-wq runs, a read of a tty)
/// is interrupted by the notification the cancel sends, but one that had not reached its wait yet may miss it, and a
/// read of a regular file is not interruptible at all. Asking again re-sends the notification.</item>
/// </list>
/// Either way the request is sent again, for the same occupant (the id carries its generation, so a retry can never
/// reach a slot's next occupant), after a number of ring turns that doubles with each attempt (1, 2, 4 ... then every
/// <see cref="MaxRetryGapTurns"/> turns); after <see cref="MaxCancelRetries"/> of them EventSource event 13 says so and the
/// ring goes on asking every <see cref="SlowRetryGapTurns"/> turns. A turn is one pass of the ring
/// thread; while a retry waits, an idle pass sleeps at most a millisecond instead of until the next completion, so the
/// turns keep coming on an idle ring. The operation still ends only with its own completion, whichever of its
/// completion and the cancel's answer comes first.
/// </summary>
/// <remarks>
/// A bulk cancel (CancelAll, CancelByFd: IORING_ASYNC_CANCEL_ALL) answers only with a count, so its misses cannot be
/// told apart. A few turns after its answer, every operation still on the ring that was asked to stop and never had a
/// cancel of its own is sent one, and the rules above apply to that.
/// </remarks>
internal sealed unsafe partial class IoUringBackend
{
    // Cancel answers are told from the ring's other internal completions by their user_data: the target's id with the
    // internal bit set. An id's generation is never 0 (Operation.OnRent), so its high half is never empty, while the
    // other internal values (wake read, wake cancel, linked timeouts, bulk cancels) have an empty high half.
    private const ulong GenerationBits = 0x7FFF_FFFF_0000_0000UL;
    private const ulong BulkCancelUserData = InternalFlag | 4;

    /// <summary>How many times one operation's cancel is sent again, quickly, before event 13 says so and the retries slow down.</summary>
    internal const int MaxCancelRetries = 64;

    /// <summary>The longest wait between two retries, in ring turns, until <see cref="MaxCancelRetries"/>.</summary>
    internal const int MaxRetryGapTurns = 64;

    /// <summary>The wait between two retries after <see cref="MaxCancelRetries"/> (about a second on an idle ring).</summary>
    internal const int SlowRetryGapTurns = 1024;

    // Turns between a bulk cancel's answer and the sweep that sends its misses a cancel of their own: the operations it
    // did cancel usually complete in the same or the next pass, and need nothing more.
    private const int BulkSweepDelayTurns = 2;

    // Ring thread only.
    private readonly List<CancelRetry> _cancelRetries = new();
    private long _turn;
    private long _bulkSweepTurn; // 0: no sweep due

    /// <summary>Cancel requests the kernel answered -ENOENT (tests, diagnostics; written by the ring thread).</summary>
    internal long CancelAnswersNotFound;

    /// <summary>Cancel requests the kernel answered -EALREADY (tests, diagnostics; written by the ring thread).</summary>
    internal long CancelAnswersAlreadyRunning;

    /// <summary>Cancel requests sent again (tests, diagnostics; metric <c>asyncsys.cancels.retried</c>).</summary>
    internal long CancelRetriesSent;

    /// <summary>Cancel requests sent after a bulk cancel to operations it did not reach.</summary>
    internal long BulkCancelFollowUps;

    /// <summary>Operations whose cancel was still unanswered after <see cref="MaxCancelRetries"/> retries (event 13; the ring goes on asking, less often).</summary>
    internal long CancelsGivenUp;

    /// <summary>
    /// For tests only: a cancel requested for an operation this ring thread holds (not yet written) is written ahead
    /// of it, as a cancel that overtakes its target would be, so that the kernel really answers -ENOENT.
    /// </summary>
    internal bool CancelsOvertakeHeldEntriesForTests;

    /// <summary>Whether the ring thread must keep its turns coming (a retry or a bulk sweep waits for a later turn).</summary>
    private bool HasCancelWorkWaiting => _cancelRetries.Count != 0 || _bulkSweepTurn != 0;

    /// <summary>Retries waiting for their turn (ring thread only: tests read it from code on the ring's context).</summary>
    internal int CancelRetriesWaiting => _cancelRetries.Count;

    private static bool IsCancelAnswer(ulong userData) => (userData & GenerationBits) != 0;

    private readonly record struct CancelRetry(Operation Operation, ulong Id, long DueTurn);

    /// <summary>On the ring thread, from the reap: the kernel's answer to a cancel request for <paramref name="id"/>.</summary>
    private void OnCancelAnswer(ulong id, int result)
    {
        if (result == -Errno.ENOENT)
        {
            Volatile.Write(ref CancelAnswersNotFound, CancelAnswersNotFound + 1);
        }
        else if (result == -Errno.EALREADY)
        {
            Volatile.Write(ref CancelAnswersAlreadyRunning, CancelAnswersAlreadyRunning + 1);
        }
        else
        {
            return; // 0: found and cancelled, the target's completion follows (an error such as EINVAL is never asked for)
        }

        // Finished (its completion came before this answer), handed to a worker, or the slot moved on: nothing to ask.
        if (_table.Find(id) is not { Phase: OperationPhase.OnRing, IsCancellationRequested: true } operation)
        {
            return;
        }

        IoUringOperationScratch* scratch = operation.BackendScratch<IoUringOperationScratch>();
        if (scratch->CancelRetriesFor != id)
        {
            scratch->CancelRetriesFor = id;
            scratch->CancelRetries = 0;
        }

        if (scratch->CancelRetries == MaxCancelRetries)
        {
            // Said once, never silent: the cancel has gone unanswered for long. The ring keeps asking, less often (a
            // call that can never end must not leave its caller waiting for ever after its token fired).
            Volatile.Write(ref CancelsGivenUp, CancelsGivenUp + 1);
            if (Diagnostics.AsyncSysEventSource.Log.IsEnabled())
            {
                Diagnostics.AsyncSysEventSource.Log.CancelUnanswered(Watchdog.RingName, operation.Request.Op.ToString(), MaxCancelRetries, Errno.NameOf(-result));
            }
        }

        int attempt = scratch->CancelRetries == int.MaxValue ? int.MaxValue : ++scratch->CancelRetries;
        long gap = attempt > MaxCancelRetries ? SlowRetryGapTurns
            : attempt > 6 ? MaxRetryGapTurns
            : 1L << (attempt - 1); // 1, 2, 4 ... 32, then 64, and after MaxCancelRetries every SlowRetryGapTurns
        _cancelRetries.Add(new CancelRetry(operation, id, _turn + gap));
    }

    /// <summary>On the ring thread, from the reap: a bulk cancel answered (a count); its misses are looked at shortly.</summary>
    private void OnBulkCancelAnswer() => _bulkSweepTurn = _turn + BulkSweepDelayTurns;

    /// <summary>On the ring thread, before submitting: sends the retries whose turn has come, and runs a due bulk sweep.</summary>
    private void SendDueCancels()
    {
        _turn++;
        if (!HasCancelWorkWaiting)
        {
            return;
        }

        for (int i = _cancelRetries.Count - 1; i >= 0; i--)
        {
            CancelRetry retry = _cancelRetries[i];

            // Completed meanwhile (its completion and the cancel's answer can come in either order): dropped at once, not
            // at its turn, which may be SlowRetryGapTurns away. Kept, it held the ring to its 1 ms idle poll for that
            // long after the last stuck operation had ended.
            bool finished = retry.Operation.Id != retry.Id || retry.Operation.Phase != OperationPhase.OnRing;
            if (!finished && retry.DueTurn > _turn)
            {
                continue;
            }

            _cancelRetries[i] = _cancelRetries[^1];
            _cancelRetries.RemoveAt(_cancelRetries.Count - 1);
            if (finished)
            {
                continue;
            }

            QueueCancel(new CancelRequest(retry.Id, -2)); // written now, or (queue full) by the next pass, as any cancel
            Volatile.Write(ref CancelRetriesSent, CancelRetriesSent + 1);
            Diagnostics.RingMetrics.OnCancelRetried(Watchdog.RingName); // tagged with the ring's own name, like its other metrics
        }

        if (_bulkSweepTurn != 0 && _bulkSweepTurn <= _turn)
        {
            _bulkSweepTurn = 0;
            _table.ForEachInFlight(this, static (operation, backend) => backend.FollowUpBulkCancel(operation));
        }
    }

    /// <summary>Sends a cancel of its own to an operation a bulk cancel marked and may have missed.</summary>
    private void FollowUpBulkCancel(Operation operation)
    {
        if (operation.Phase == OperationPhase.OnRing && operation.IsCancellationRequested
            && operation.TryReadIdentity(out ulong id, out _, out _) && operation.TryMarkCancelSent(id))
        {
            Volatile.Write(ref BulkCancelFollowUps, BulkCancelFollowUps + 1);
            QueueCancel(new CancelRequest(id, -2));
        }
    }
}
