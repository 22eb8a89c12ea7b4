using System;
using System.Threading;
using AsyncSys.Operations;

namespace AsyncSys.Backends.IoUring;

/// <summary>
/// Operations submitted by code running on the ring thread itself (loops on the ring's context, inline continuations):
/// held in a list only that thread touches, and written to the submission queue together, under one hold of the
/// queue lock, before its next io_uring_enter. In a profile of 64 awaited Nop loops on the ring's context, taking and
/// releasing the queue lock once per operation was 12 % of all samples, though no other thread wanted it.
/// </summary>
/// <remarks>
/// A held entry is not on the ring yet, so it is not marked submitted until it is: a cancel requested meanwhile waits
/// for <see cref="Operation.MarkSubmitted"/> (it would otherwise reach the kernel before its target and find nothing),
/// and its token is registered only after that. Every place where the ring thread hands entries to the kernel or
/// writes its own (bulk cancels, the wake read) writes the held ones first, so their order is the order they were made.
/// </remarks>
internal sealed unsafe partial class IoUringBackend
{
    private (Operation Operation, ulong Id)[] _staged = new (Operation, ulong)[16];
    private int _stagedCount;
    private int _stagedStorage; // how many of them are storage requests (see StorageRequestsPerEnter)

    private void Stage(Operation operation)
    {
        if (_fatalErrno != 0)
        {
            // Found native just before the ring failed (on this thread, while reaping): nothing will write it.
            operation.Complete(-_fatalErrno);
            return;
        }

        if (_stagedCount == _staged.Length)
        {
            Array.Resize(ref _staged, _staged.Length * 2); // grows to the most one pass ever holds, then stays
        }

        _staged[_stagedCount++] = (operation, operation.Id);
        if (IsStorageRequest(OpcodeFor(operation.Request.Op)))
        {
            _stagedStorage++;
        }

        _submittedOnRingThread = true; // awake by definition, and in a hurry
    }

    /// <summary>
    /// Ring thread only: writes the held entries to the submission queue, then marks each submitted. If the ring fails
    /// for good while making room, the entries not written stay held (<see cref="EndAfterFailure"/> ends them).
    /// </summary>
    private void WriteStaged()
    {
        int count = _stagedCount;
        if (count == 0)
        {
            return;
        }

        int written = 0;
        lock (_sqLock)
        {
            for (; written < count; written++)
            {
                Operation operation = _staged[written].Operation;
                bool link = operation.HasDeadline && LinksTimeout(operation.Request.Op);
                if (!WaitForSpace((link ? 2u : 1u) + (CancelsOvertakeHeldEntriesForTests ? 1u : 0u))) // on the ring thread: submits what is queued to make room
                {
                    break;
                }

                if (CancelsOvertakeHeldEntriesForTests && operation.IsCancellationRequested && operation.TryMarkCancelSent(_staged[written].Id))
                {
                    WriteCancel(new CancelRequest(_staged[written].Id, -2)); // ahead of its target: the kernel answers ENOENT
                }

                WriteOperation(operation, link);
            }
        }

        _stagedCount = 0;
        _stagedStorage = 0;

        // Usually all of them were written; the rest (the ring failed) stay held, for EndAfterFailure.
        (Operation Operation, ulong Id)[]? unwritten = written < count ? _staged[written..count] : null;
        for (int i = 0; i < count; i++)
        {
            (Operation operation, ulong id) = _staged[i];
            _staged[i] = default;
            if (i >= written)
            {
                continue;
            }

            // Outside the lock: a cancel requested while the entry was held is written now, after it.
            operation.MarkSubmitted(id);
            if (operation.HasCancellableToken)
            {
                QueueRegistration(operation, id);
            }
        }

        foreach ((Operation operation, ulong id) in unwritten ?? Array.Empty<(Operation, ulong)>())
        {
            _staged[_stagedCount++] = (operation, id);
        }
    }

    /// <summary>
    /// After io_uring_enter failed for good: ends the held entries (the kernel never saw them) with the ring's errno.
    /// They are never written.
    /// </summary>
    private void EndStaged(int errno)
    {
        int count = _stagedCount;
        _stagedCount = 0;
        _stagedStorage = 0;
        for (int i = 0; i < count; i++)
        {
            (Operation operation, ulong id) = _staged[i];
            _staged[i] = default;
            if (operation.Id == id)
            {
                operation.Complete(-errno);
            }
        }
    }
}
