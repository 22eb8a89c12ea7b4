using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys.Operations;

namespace AsyncSys;

// What a checkpointer needs: the list of what is in flight, quiesce (stop admitting, drain, report what is
// stuck), and cancel-all. Seeds 000 and 003: the kernel never got IOCB_CMD_WAIT_ALL; this is it, bounded.
public sealed partial class IoRing
{
    private TaskCompletionSource? _drainWaiter;

    /// <summary>
    /// Takes a snapshot of every operation in flight: id, operation, descriptor, offset, length, age, state, backend
    /// and tag. Lock-free and safe to call under full load; an operation that completes while the snapshot is
    /// taken may or may not appear, and one still being admitted (its request being filled in, or its non-blocking
    /// attempt running on the caller) is not listed yet, though <see cref="InFlightCount"/> counts it. Walks every slot
    /// of the ring and allocates the list: for diagnostics and checkpoints, not hot paths (<see cref="InFlightCount"/> is
    /// the cheap count). On <see cref="Shared"/> it covers
    /// every ring of the set (ids of rings after the first carry the ring's position in bits 24-31).
    /// </summary>
    /// <returns>A new list, empty when nothing is in flight.</returns>
    public IReadOnlyList<InFlightOperation> GetInFlightOperations() => SnapshotSet();

    /// <summary>Whether admission is closed by an undisposed <see cref="QuiesceResult"/>.</summary>
    public bool IsQuiesced => Table.IsGateClosed;

    /// <summary>
    /// Closes admission, then waits until nothing is in flight or <paramref name="timeout"/> passes. From the
    /// moment admission closes until the returned result is disposed, no operation is admitted, however many
    /// threads submit: they wait, or fail fast (<see cref="IoRingOptions.WhileQuiesced"/>).
    /// </summary>
    /// <param name="timeout">How long to wait for in-flight operations, or <see cref="Timeout.InfiniteTimeSpan"/>; operations still in flight after it are listed, not cancelled.</param>
    /// <param name="cancellationToken">Stops waiting; admission reopens and the exception propagates.</param>
    /// <returns>Whether the ring drained, how long it took, and what is still in flight. Dispose it to reopen.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative (other than <see cref="Timeout.InfiniteTimeSpan"/>).</exception>
    /// <exception cref="InvalidOperationException">Another quiesce is in progress (its result is not disposed).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting; admission is open again.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    public ValueTask<QuiesceResult> QuiesceAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout cannot be negative (other than Timeout.InfiniteTimeSpan).");
        }

        ThrowIfDisposed();
        if (!Table.CloseGate())
        {
            throw new InvalidOperationException("The ring is already quiesced: dispose the previous QuiesceResult first.");
        }

        // The other rings of a set close after the first, whose gate is the one a second quiesce finds closed.
        for (int i = 1; i < MemberCount; i++)
        {
            Member(i).Table.CloseGate();
        }

        return QuiesceClosedAsync(timeout, cancellationToken);
    }

    private async ValueTask<QuiesceResult> QuiesceClosedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Metrics.QuiesceStarted(this);
        try
        {
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            // Published with a full fence before the count is read (as Dispose publishes its drain signal): a plain
            // volatile write may still sit in this core's store buffer while the count is read, so the last completion
            // could read no waiter while this read its count before the decrement, and the quiesce would wait its whole
            // timeout (for ever with an infinite one). The completion side decrements with a full fence, then reads.
            Interlocked.Exchange(ref _drainWaiter, waiter);
            if (SetDrainCount == 0)
            {
                waiter.TrySetResult();
            }

            Task finished = await Task.WhenAny(waiter.Task, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
            Volatile.Write(ref _drainWaiter, null);
            cancellationToken.ThrowIfCancellationRequested();
            bool drained = finished == waiter.Task || SetDrainCount == 0;
            IReadOnlyList<InFlightOperation> stuck = drained ? Array.Empty<InFlightOperation>() : SnapshotSet();
            clock.Stop();
            Metrics.QuiesceEnded(this, drained, clock.Elapsed, stuck.Count);
            return new QuiesceResult(this, drained, clock.Elapsed, stuck);
        }
        catch
        {
            Volatile.Write(ref _drainWaiter, null);
            Reopen();
            throw;
        }
    }

    /// <summary>Reopens admission after a quiesce.</summary>
    internal void Reopen()
    {
        foreach (IoRing member in Members)
        {
            if (Volatile.Read(ref member._disposeState) == 0)
            {
                member.Table.OpenGate();
            }
        }
    }

    /// <summary>Requests cancellation of every operation in flight.</summary>
    /// <returns>How many operations were asked to cancel (each still completes, with OperationCanceledException unless it had already finished).</returns>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    public int CancelAll() => CancelMatching(-1, null);

    /// <summary>Requests cancellation of every operation in flight on descriptor <paramref name="fd"/> (IORING_ASYNC_CANCEL_FD where the kernel has it).</summary>
    /// <param name="fd">The descriptor.</param>
    /// <returns>How many operations were asked to cancel.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fd"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    public int CancelByFd(int fd)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        return CancelMatching(fd, null);
    }

    /// <summary>Requests cancellation of every operation in flight whose tag (<see cref="RingRequest.WithTag"/>) equals <paramref name="tag"/>.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>How many operations were asked to cancel.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tag"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The ring is disposed.</exception>
    public int CancelByTag(object tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return CancelMatching(-1, tag);
    }

    private int CancelMatching(int fd, object? tag)
    {
        int count = 0;
        foreach (IoRing member in Members)
        {
            count += member.CancelMatchingHere(fd, tag);
        }

        return count;
    }

    private int CancelMatchingHere(int fd, object? tag)
    {
        using CallLease lease = EnterCall();
        bool bulk = tag is null && RingBackend.TryBeginCancelAll(fd);
        int count = 0;
        Table.ForEachInFlight((fd, tag, bulk), (operation, filter) =>
        {
            // Identity, descriptor and tag of one and the same occupant; an occupant still being admitted is
            // skipped (this call is then ordered before its submission).
            if (!operation.TryReadIdentity(out ulong id, out int operationFd, out object? operationTag)
                || (filter.fd >= 0 && operationFd != filter.fd)
                || (filter.tag is not null && !Equals(operationTag, filter.tag)))
            {
                return;
            }

            if (operation.RequestCancel(CancelReason.Request, id, sendToKernel: !filter.bulk))
            {
                count++;
            }
        });

        if (fd < 0 && tag is null && Volatile.Read(ref _shortCalls) is { } shortCalls)
        {
            // Short calls with a hook run on their callers' threads without a slot (no descriptor, no tag): only CancelAll reaches them.
            count += shortCalls.CancelRunning(CancelReason.Request);
        }

        if (bulk)
        {
            // One kernel request for the lot (IORING_ASYNC_CANCEL_ALL [| _FD]); sent after every match is
            // marked, so each one completes as cancelled rather than as a bare ECANCELED error. The backend
            // coalesces concurrent requests for the same descriptor and never waits for ring space here.
            RingBackend.CancelAll(fd);
        }

        return count;
    }

    partial void OnOperationCompletedForQuiesce()
    {
        // A quiesce waits on the first ring of a set, for the whole set to drain.
        IoRing first = _first;
        if (Table.DrainCount == 0 && Volatile.Read(ref first._drainWaiter) is { } waiter && first.SetDrainCount == 0)
        {
            waiter.TrySetResult();
        }
    }
}
