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

    /// <summary>Ring thread only: writes the held entries to the submission queue, then marks each submitted.</summary>
    private void WriteStaged()
    {
        int count = _stagedCount;
        if (count == 0)
        {
            return;
        }

        lock (_sqLock)
        {
            for (int i = 0; i < count; i++)
            {
                Operation operation = _staged[i].Operation;
                bool link = operation.HasDeadline && _canLinkTimeout;
                WaitForSpace(link ? 2u : 1u); // on the ring thread: submits what is queued to make room
                WriteOperation(operation, link);
            }
        }

        _stagedCount = 0;
        _stagedStorage = 0;
        for (int i = 0; i < count; i++)
        {
            (Operation operation, ulong id) = _staged[i];
            _staged[i] = default;

            // Outside the lock: a cancel requested while the entry was held is written now, after it.
            operation.MarkSubmitted(id);
            if (operation.HasCancellableToken)
            {
                QueueRegistration(operation, id);
            }
        }
    }

    /// <summary>
    /// After io_uring_enter failed for good (<see cref="Fail"/> completed every operation on the ring, the held ones
    /// too): they must never be written.
    /// </summary>
    private void DropStaged()
    {
        Array.Clear(_staged, 0, _stagedCount);
        _stagedCount = 0;
        _stagedStorage = 0;
    }
}
