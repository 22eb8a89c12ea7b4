using System;
using System.Threading;
using AsyncSys.Interop;

namespace AsyncSys.Backends.IoUring;

/// <summary>How many queued entries one io_uring_enter hands to the kernel.</summary>
internal sealed unsafe partial class IoUringBackend
{
    /// <summary>
    /// At most this many storage requests (file reads, writes, syncs, allocations) go to the kernel in one
    /// io_uring_enter; the rest follow in the next call of the same pass, without waiting in between.
    /// </summary>
    /// <remarks>
    /// Why: the kernel plugs the requests of one submission call and hands them to the device together. A device
    /// that serves a whole hand-off before it signals any completion (a virtio block device in a Firecracker VM does)
    /// then returns all of them at once, the resumed loops resubmit all of them at once, and the ring settles into
    /// rounds: the device idles while each round is resumed, and every request waits for the slowest of its round
    /// (strace: one io_uring_enter per 32 reads, each submitting 32 and waiting about 520 µs). Two things break the
    /// rounds: a call carries at most this many storage requests, and while completions are reaped a full group is
    /// submitted as soon as the resumed loops have queued it, not after the last of them ran.
    /// Measured on such a VM (2 cores, 4 KiB O_DIRECT random reads, 32 in flight, fio's io_uring engine in the same
    /// run: `randread --direct --qd 32 --seconds 3 --mode iouring,inline`): one call per round, 0.68-0.81x fio (inline
    /// continuations 0.70-0.82x); a cap alone of 1: 0.75x (0.89x), 2: 0.85x (0.91x), 4: 0.80-0.92x (0.83-1.00x), 8: 0.93x
    /// (0.88x), 16: 0.79x (0.88x); a cap of 4 with submission while reaping: 0.87-1.02x (0.98-1.19x), the inline case
    /// then at fio's own rate (70-71 k reads/s). The price is one io_uring_enter per four storage requests (about 0.3 µs
    /// each, against 15 µs per request here); requests that are not storage (sockets, no-ops, timeouts, cancels) are not
    /// counted and still go in one call however many are queued.
    /// </remarks>
    internal const int StorageRequestsPerEnter = 4;

    // The limit in force: StorageRequestsPerEnter, or none while storage requests complete inside the io_uring_enter that
    // submits them (page-cache hits: the kernel copies the data in the call and no device is involved). Ring thread only.
    private int _storagePerEnter = StorageRequestsPerEnter;

    // Full groups in a row (submitted alone while reaping) whose every entry completed inside their own call.
    private int _groupsDoneInCall;

    // Calls of SubmitFullStorageGroup since the last group submitted alone while the limit is lifted.
    private int _callsSinceProbe;

    /// <summary>Full groups in a row that must complete inside their own call before the limit is lifted.</summary>
    internal const int GroupsBeforeLifting = 8;

    /// <summary>While the limit is lifted, one group in this many chances is still submitted alone, to see whether it still completes in its call.</summary>
    internal const int ChancesBetweenProbes = 64;

    /// <summary>Times the limit was lifted, because storage requests completed inside their own call (tests, diagnostics).</summary>
    internal long StorageLimitLifted;

    /// <summary>Times a lifted limit came back, because a group did not complete inside its call (tests, diagnostics).</summary>
    internal long StorageLimitRestored;

    /// <summary>
    /// How many of the <paramref name="pending"/> entries from the queue's head to submit in one call: all of them,
    /// unless more than <see cref="StorageRequestsPerEnter"/> are storage requests. A linked entry is never separated
    /// from the one after it (a chain cut between two calls would be submitted without its end).
    /// </summary>
    private uint EntriesForOneEnter(uint pending, bool requireFullGroup = false) =>
        EntriesForOneEnter(pending, requireFullGroup, _storagePerEnter);

    private uint EntriesForOneEnter(uint pending, bool requireFullGroup, int limit)
    {
        if (limit == int.MaxValue)
        {
            return requireFullGroup ? 0 : pending; // no limit: the whole queue goes, and never a group alone
        }

        uint head = Volatile.Read(ref *_ring.SqHead);
        int storage = 0;
        bool linkedToPrevious = false;
        for (uint i = 0; i < pending; i++)
        {
            IoUringSqe* sqe = &_ring.Sqes[(head + i) & _ring.SqMask];
            if (IsStorageRequest((IoUringOp)sqe->Opcode))
            {
                if (storage >= limit && !linkedToPrevious)
                {
                    return i;
                }

                storage++;
            }

            linkedToPrevious = (sqe->Flags & IoUringConstants.SqeIoLink) != 0;
        }

        return requireFullGroup && storage < limit ? 0 : pending;
    }

    /// <summary>
    /// Submits the first group of storage requests now, without waiting, when a whole group is queued: called while
    /// completions are being reaped and resumed, so the requests of resumed loops reach the device as they come rather
    /// than as one round after the last of them ran. Ring thread only.
    /// </summary>
    /// <remarks>
    /// Groups are only for requests that go to a device. Page-cache hits complete inside the io_uring_enter that submits
    /// them, and cutting them into groups of four only multiplies the calls: 32 page-cached 4 KiB read loops on the
    /// ring's context made 8 calls per round. So each group submitted here is watched: when <see cref="GroupsBeforeLifting"/>
    /// in a row completed entirely inside their call, the limit is lifted and a round goes in one call again; while
    /// lifted, one group in <see cref="ChancesBetweenProbes"/> is still submitted alone, and the first that does not
    /// complete inside its call (a read that missed the cache, any O_DIRECT request) brings the limit back. A call made
    /// without waiting and without asking for events posts only what completed inside it (deferred completion work
    /// waits for a call that asks for events), so nothing else is counted.
    /// </remarks>
    private void SubmitFullStorageGroup()
    {
        if (_fatalErrno != 0)
        {
            return; // the ring failed for good while reaping: nothing more goes to the kernel
        }

        if (_storagePerEnter == int.MaxValue && ++_callsSinceProbe < ChancesBetweenProbes)
        {
            return; // lifted: the pass submits its round in one call
        }

        _callsSinceProbe = 0;

        if (_stagedStorage >= StorageRequestsPerEnter)
        {
            WriteStaged(); // resumed loops on this thread hold theirs back until written
        }

        uint pending = Volatile.Read(ref *_ring.SqTail) - Volatile.Read(ref *_ring.SqHead);
        if (pending < StorageRequestsPerEnter)
        {
            return;
        }

        uint group = EntriesForOneEnter(pending, requireFullGroup: true, StorageRequestsPerEnter);
        if (group > 0)
        {
            // The group's own operations, to tell their completions from others the call may post (completion work of
            // earlier requests that the kernel runs on the way in or out). Only the operations' ids, which are unique:
            // a linked deadline entry carries an id shared by every deadline, so another request's could be counted.
            Span<ulong> ids = stackalloc ulong[MaxObservedGroup];
            uint head = Volatile.Read(ref *_ring.SqHead);
            int requests = 0;
            for (uint i = 0; i < group && group <= MaxObservedGroup; i++) // a long linked chain: not observed
            {
                ulong id = _ring.Sqes[(head + i) & _ring.SqMask].UserData;
                if ((id & InternalFlag) == 0)
                {
                    ids[requests++] = id;
                }
            }

            EnterCalls++;
            uint completionsBefore = Volatile.Read(ref *_ring.CqTail);
            int submitted = _ring.Enter(group, 0, 0);
            _ = Entered(submitted); // a fatal error fails every operation; the ring loop then stops
            if (requests > 0 && submitted == (int)group)
            {
                ObserveGroup(allDoneInCall: CompletedSince(completionsBefore, ids[..requests]) == requests);
            }

            _delivery.Watchdog.EndPass(); // the submission's time is no continuation's
        }
    }

    // The longest group whose completions are looked for (four requests, each perhaps linked to its deadline).
    private const int MaxObservedGroup = 2 * StorageRequestsPerEnter;

    /// <summary>How many completions posted since the completion queue's tail was <paramref name="tail"/> belong to <paramref name="ids"/>.</summary>
    private int CompletedSince(uint tail, ReadOnlySpan<ulong> ids)
    {
        int found = 0;
        uint end = Volatile.Read(ref *_ring.CqTail); // acquire: the entries up to it are written (as in Reap)
        for (uint at = tail; at != end; at++)
        {
            if (ids.Contains(_ring.Cqes[at & _ring.CqMask].UserData))
            {
                found++;
            }
        }

        return found;
    }

    /// <summary>Lifts or restores the limit after a group submitted alone: see <see cref="SubmitFullStorageGroup"/>.</summary>
    private void ObserveGroup(bool allDoneInCall)
    {
        if (allDoneInCall)
        {
            if (_storagePerEnter != int.MaxValue && ++_groupsDoneInCall >= GroupsBeforeLifting)
            {
                _storagePerEnter = int.MaxValue;
                StorageLimitLifted++;
            }

            return;
        }

        _groupsDoneInCall = 0;
        if (_storagePerEnter == int.MaxValue)
        {
            _storagePerEnter = StorageRequestsPerEnter;
            StorageLimitRestored++;
        }
    }

    private static bool IsStorageRequest(IoUringOp op) => op is IoUringOp.Read or IoUringOp.Write or IoUringOp.ReadV
        or IoUringOp.WriteV or IoUringOp.ReadFixed or IoUringOp.WriteFixed or IoUringOp.Fsync or IoUringOp.SyncFileRange
        or IoUringOp.Fallocate;
}
