using System.Threading;
using AsyncSys.Diagnostics;
using AsyncSys.Operations;

namespace AsyncSys;

// Try first, then ring: an operation that usually completes at once (a page-cache hit, a ready socket) is
// tried in its non-blocking form on the submitting thread; only when the kernel says it would block does it
// go on the ring. See IoRingOptions.TryNonBlockingFirst.
public sealed partial class IoRing
{
    private ImmediateAttempts? _immediateAttempts;

    private ImmediateAttempts? Immediate
    {
        get
        {
            if (!_options.TryNonBlockingFirst)
            {
                return null;
            }

            return Volatile.Read(ref _immediateAttempts)
                ?? Interlocked.CompareExchange(ref _immediateAttempts, new ImmediateAttempts(_options.OtherWorkWaiting), null)
                ?? _immediateAttempts!;
        }
    }

    // File reads and writes of this ring on the kernel's queue or on their way to their awaiters (see
    // ImmediateAttempts.BusyRingFileTransfers).
    private int _fileTransfersOnRing;

    /// <summary>File reads and writes of this ring on the kernel's queue or not yet resumed (for tests).</summary>
    internal int FileTransfersOnRing => Volatile.Read(ref _fileTransfersOnRing);

    /// <summary>
    /// Runs an admitted, prepared operation's non-blocking form on this thread and completes it with the result
    /// when the kernel did it. The operation is still Queued while it runs: only its starter (this thread)
    /// completes a Queued operation, and a cancel request arriving meanwhile finds it done (the result stands,
    /// as for a ring op the kernel had finished) or not yet started (the ring path sees the request).
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <param name="fileTransfer">Set when the operation is a read or write of a file: if it goes on the ring, it
    /// counts towards the batch other file transfers join (<see cref="CountFileTransfer"/>).</param>
    /// <returns>True if the operation completed here; false to continue on the ring (nothing has changed).</returns>
    private bool TryCompleteNow(Operation operation, CancellationToken cancellationToken, out bool fileTransfer)
    {
        fileTransfer = false;

        // One history per descriptor for a whole set of rings (IoRing.Shared): the first ring keeps it.
        // Not from code on the ring's context: a loop whose reads all complete at once would never give the ring
        // thread back, and the other loops on it would starve (measured: 1 of 32 loops active); through the ring,
        // one io_uring_enter carries every loop's read and each resumes inline.
        if (!ImmediateAttempts.IsCandidate(operation.Request) || operation.IsBoundToRing || _first.Immediate is not { } attempts)
        {
            return false;
        }

        ImmediateAttempts.Descriptor? descriptor = attempts.For(operation.Fd, operation.Request.Handle);
        if (descriptor is null)
        {
            return false;
        }

        fileTransfer = descriptor.IsSeekable;
        if ((operation.Request.Op is RingOp.Write or RingOp.WriteV && !descriptor.AllowsWrites)
            || !descriptor.ShouldTry())
        {
            return false;
        }

        // Other file transfers are on this ring already: join their batch (one io_uring_enter for all of them).
        if (fileTransfer && RingBackend.BatchesSubmissions && Volatile.Read(ref _fileTransfersOnRing) >= ImmediateAttempts.BusyRingFileTransfers)
        {
            return false;
        }

        // Cancelled (by the token, a cancel-all or Dispose) before the attempt: it never runs.
        if (cancellationToken.IsCancellationRequested || operation.IsCancellationRequested)
        {
            return false;
        }

        // This thread has completed a run of operations here while other work waits for a thread: this one is
        // still done here, but its awaiter resumes from the back of the pool's queue, after that work.
        bool yieldTurn = attempts.ShouldYield();
        int result = operation.RunNonBlocking();
        if (result < 0)
        {
            // Any refusal goes to the ring, whose answer is the one reported (errors included).
            descriptor.Refused(-result);
            return false;
        }

        if (!ImmediateAttempts.CanStand(operation, result))
        {
            return false;
        }

        descriptor.Done();
        operation.RanOn = RingBackend.Kind;
        OnOperationAdmitted(operation);
        RingMetrics.OnImmediate(this, operation);
        if (yieldTurn)
        {
            // Loops are waiting for threads: while this one waits its turn, file transfers join the ring's batch
            // (one io_uring_enter for all of them) instead of each taking a syscall of its own.
            if (fileTransfer)
            {
                CountFileTransfer(operation);
            }

            operation.CompleteAfterWaitingWork(result);
            return true;
        }

        operation.Complete(result);
        return true;
    }

    /// <summary>Counts a file read or write going on the ring (or waiting its turn) until its awaiter resumes.</summary>
    private void CountFileTransfer(Operation operation)
    {
        // Only a ring that batches submissions reads the count: elsewhere it would be two atomics per operation for nothing.
        if (RingBackend.BatchesSubmissions)
        {
            operation.CountedAsFileTransferOnRing = true;
            Interlocked.Increment(ref _fileTransfersOnRing);
        }
    }

    /// <summary>
    /// Called once per counted operation, as its awaiter is resumed. Counted until then, not only while the kernel has
    /// it: a page-cache read on the ring completes inside the io_uring_enter that submits it, so a whole batch would
    /// leave the count at once, and the first of its awaiters to resume would find the ring idle and go it alone.
    /// </summary>
    internal void FileTransferDelivered() => Interlocked.Decrement(ref _fileTransfersOnRing);
}
