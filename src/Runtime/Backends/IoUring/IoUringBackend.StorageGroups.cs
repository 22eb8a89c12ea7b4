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

    /// <summary>
    /// How many of the <paramref name="pending"/> entries from the queue's head to submit in one call: all of them,
    /// unless more than <see cref="StorageRequestsPerEnter"/> are storage requests. A linked entry is never separated
    /// from the one after it (a chain cut between two calls would be submitted without its end).
    /// </summary>
    private uint EntriesForOneEnter(uint pending, bool requireFullGroup = false)
    {
        uint head = Volatile.Read(ref *_ring.SqHead);
        int storage = 0;
        bool linkedToPrevious = false;
        for (uint i = 0; i < pending; i++)
        {
            IoUringSqe* sqe = &_ring.Sqes[(head + i) & _ring.SqMask];
            if (IsStorageRequest((IoUringOp)sqe->Opcode))
            {
                if (storage >= StorageRequestsPerEnter && !linkedToPrevious)
                {
                    return i;
                }

                storage++;
            }

            linkedToPrevious = (sqe->Flags & IoUringConstants.SqeIoLink) != 0;
        }

        return requireFullGroup && storage < StorageRequestsPerEnter ? 0 : pending;
    }

    /// <summary>
    /// Submits the first group of storage requests now, without waiting, when a whole group is queued: called while
    /// completions are being reaped and resumed, so the requests of resumed loops reach the device as they come rather
    /// than as one round after the last of them ran. Ring thread only.
    /// </summary>
    private void SubmitFullStorageGroup()
    {
        if (_fatalErrno != 0)
        {
            return; // the ring failed for good while reaping: nothing more goes to the kernel
        }

        if (_stagedStorage >= StorageRequestsPerEnter)
        {
            WriteStaged(); // resumed loops on this thread hold theirs back until written
        }

        uint pending = Volatile.Read(ref *_ring.SqTail) - Volatile.Read(ref *_ring.SqHead);
        if (pending < StorageRequestsPerEnter)
        {
            return;
        }

        uint group = EntriesForOneEnter(pending, requireFullGroup: true);
        if (group > 0)
        {
            EnterCalls++;
            _ = Entered(_ring.Enter(group, 0, 0)); // a fatal error fails every operation; the ring loop then stops
            _delivery.Watchdog.EndPass(); // the submission's time is no continuation's
        }
    }

    private static bool IsStorageRequest(IoUringOp op) => op is IoUringOp.Read or IoUringOp.Write or IoUringOp.ReadV
        or IoUringOp.WriteV or IoUringOp.ReadFixed or IoUringOp.WriteFixed or IoUringOp.Fsync or IoUringOp.SyncFileRange
        or IoUringOp.Fallocate;
}
