using System;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys.Interop;

namespace AsyncSys.Operations;

/// <summary>
/// Decides, per descriptor, whether an operation is first tried on the submitting thread in its non-blocking
/// form (<see cref="IoRingOptions.TryNonBlockingFirst"/>), and learns from the answers: O_DIRECT descriptors
/// are never tried (a "non-blocking" direct read still waits for the device), a file system that refuses
/// RWF_NOWAIT is not asked again, and a descriptor whose attempts keep meeting EAGAIN (cold data, an idle
/// socket) is skipped for a growing number of operations before it is probed again.
/// </summary>
/// <remarks>
/// What is kept is a hint: two threads may race on a descriptor's counters, which costs at most an extra or
/// a missing attempt, never a wrong result (a refused attempt always goes to the ring, whose answer counts).
/// </remarks>
internal sealed class ImmediateAttempts
{
    /// <summary>Descriptors below this are tracked; others are never tried (the table stays small).</summary>
    internal const int TrackedDescriptors = 4096;

    /// <summary>Consecutive EAGAINs before a descriptor is skipped for a while.</summary>
    internal const int MissesBeforeBackOff = 4;

    /// <summary>The longest skip, in operations, after which a descriptor is probed again.</summary>
    internal const int LongestSkip = 1024;

    /// <summary>
    /// Operations a thread may complete in a row on its own before, when other thread-pool work is waiting, it
    /// sends one through the ring: an awaiting loop whose every read completes at once never yields its thread,
    /// and other loops queued behind it would not run (measured: 4 of 32 loops active).
    /// </summary>
    internal const int CompletedInARowBeforeYield = 16;

    private static int s_lastId;

    // A run belongs to one ring (set): another ring's operations on this thread start a new one.
    [ThreadStatic]
    private static int t_runOf;

    [ThreadStatic]
    private static int t_completedInARow;

    private readonly int _id = Interlocked.Increment(ref s_lastId);
    private readonly Func<bool>? _otherWorkWaiting;
    private readonly Descriptor?[] _descriptors = new Descriptor?[TrackedDescriptors];

    /// <summary>
    /// Whether this operation should let others have a turn: this thread completed <see cref="CompletedInARowBeforeYield"/>
    /// operations of this ring in a row and other thread-pool work is waiting. Counts the attempt otherwise.
    /// </summary>
    internal bool ShouldYield()
    {
        if (t_runOf != _id)
        {
            t_runOf = _id;
            t_completedInARow = 0;
        }

        if (++t_completedInARow < CompletedInARowBeforeYield)
        {
            return false;
        }

        t_completedInARow = 0;
        return _otherWorkWaiting is { } waiting ? waiting() : ThreadPool.PendingWorkItemCount > 0;
    }

    /// <summary>
    /// Whether this thread's next operation of this ring is the one that may have to let others have a turn (see
    /// <see cref="ShouldYield"/>): the attempt without a slot leaves that one to the full path, which can yield.
    /// </summary>
    internal bool IsYieldTurnNext() => t_runOf == _id && t_completedInARow + 1 >= CompletedInARowBeforeYield;

    /// <summary>Counts an operation this thread completed without yielding (the attempt without a slot).</summary>
    internal void CountCompleted()
    {
        if (t_runOf != _id)
        {
            t_runOf = _id;
            t_completedInARow = 0;
        }

        t_completedInARow++;
    }

    /// <summary>This thread sent an operation to the ring: the next ones start a new run.</summary>
    internal static void WentToRing() => t_completedInARow = 0;

    /// <param name="otherWorkWaiting">Test hook replacing the thread pool's own answer (null: ask the pool).</param>
    internal ImmediateAttempts(Func<bool>? otherWorkWaiting = null) => _otherWorkWaiting = otherWorkWaiting;

    /// <summary>Whether the request's kind has a non-blocking form worth trying (and the caller did not opt out).</summary>
    internal static bool IsCandidate(in RingRequest request) =>
        !request.RingOnly
        && request.Handle is not DirectFileHandle
        && request.Op switch
        {
            RingOp.Read or RingOp.Write or RingOp.ReadV or RingOp.WriteV or RingOp.Send or RingOp.Accept => true,
            RingOp.Recv => (request.Flags & Libc.MSG_WAITALL) == 0,
            _ => false,
        };

    /// <summary>
    /// Whether a refused attempt's error is the call's answer, reported as it is rather than redone on the ring. A
    /// socket's pending error (ECONNREFUSED from an ICMP port unreachable, ECONNRESET, ETIMEDOUT, ...) is handed to the
    /// first call that looks and then cleared, so the ring's rerun never saw it: a send went through as if nothing had
    /// happened and a receive waited for data that never comes (hostile round 10). recv and send with MSG_DONTWAIT answer
    /// everything else as the blocking call does too; for reads and writes (RWF_NOWAIT) only those socket errors are
    /// taken, the other refusals being the flag's (EOPNOTSUPP, ESPIPE).
    /// </summary>
    private static bool ErrorStands(RingOp op, int errno) =>
        errno is not (Errno.EAGAIN or Errno.EINTR)
        && (op is RingOp.Recv or RingOp.Send
            || errno is Errno.ECONNREFUSED or Errno.ECONNRESET or Errno.ETIMEDOUT or Errno.EHOSTUNREACH or Errno.ENETUNREACH
                or Errno.EHOSTDOWN or Errno.ENETDOWN or Errno.ECONNABORTED);

    /// <summary>
    /// Whether a successful attempt's result can stand for the ring's. A positional read or write that moved
    /// only part of the range (a partly cached range) goes to the ring for the whole range, as a ring op would
    /// have done it; repeating it is harmless (the same bytes at the same offset). At the file position (-1)
    /// and on sockets a short transfer is what the ring could have answered too.
    /// </summary>
    internal static bool CanStand(Operation operation, int result) =>
        CanStand(operation.Request, operation.RequestedBytes(), result);

    /// <summary>Whether <paramref name="result"/>, for a request asking to move <paramref name="wanted"/> bytes, can stand for the ring's (see the overload above).</summary>
    internal static bool CanStand(in RingRequest request, long wanted, int result)
    {
        RingOp op = request.Op;
        if (op is RingOp.Recv or RingOp.Send or RingOp.Accept || request.Offset < 0)
        {
            return true;
        }

        return op is RingOp.Read or RingOp.ReadV
            ? result == 0 || result == wanted
            : result == wanted;
    }

    /// <summary>The descriptor's record, or null when it must not be tried (untracked, or fcntl failed).</summary>
    internal Descriptor? For(int fd, SafeHandle? handle)
    {
        if ((uint)fd >= TrackedDescriptors)
        {
            return null;
        }

        Descriptor? known = Volatile.Read(ref _descriptors[fd]);
        if (known is not null && known.Is(fd, handle))
        {
            return known;
        }

        // First use of this descriptor (or of a new handle that got the same number): one fcntl.
        int flags = Libc.fcntl(fd, Libc.F_GETFL, 0);
        if (flags < 0)
        {
            return null; // a bad descriptor: the ring reports its error
        }

        var created = new Descriptor(fd, handle, never: (flags & DirectIo.OpenDirectFlag) != 0, append: (flags & Libc.O_APPEND) != 0);
        Volatile.Write(ref _descriptors[fd], created);
        return created;
    }

    /// <summary>
    /// What was learned about one descriptor (one handle, when the request came with a SafeHandle), for each
    /// direction apart: on a socket a send usually goes at once while the receive after it usually finds nothing
    /// yet (the peer has not answered), and one shared history would let each sent reply wipe out what the
    /// receives had learned, so every receive would be tried and refused. A file system may also take
    /// non-blocking reads and refuse non-blocking writes.
    /// </summary>
    internal sealed class Descriptor
    {
        private readonly int _fd;
        private readonly WeakReference<SafeHandle>? _handle;
        private readonly bool _append;
        private History _input;
        private History _output;

        internal Descriptor(int fd, SafeHandle? handle, bool never, bool append = false)
        {
            _fd = fd;
            _append = append;
            _handle = handle is null ? null : new WeakReference<SafeHandle>(handle);
            _input.Never = never;
            _output.Never = never;
        }

        internal bool Is(int fd, SafeHandle? handle)
        {
            if (fd != _fd)
            {
                return false;
            }

            if (handle is null)
            {
                return _handle is null;
            }

            return _handle is not null && _handle.TryGetTarget(out SafeHandle? target) && ReferenceEquals(target, handle);
        }

        /// <summary>
        /// Whether writes may be tried: not on O_APPEND, where Linux ignores a write's offset, so a partial
        /// attempt followed by the ring's whole write would append the first part twice.
        /// </summary>
        internal bool AllowsWrites => !_append;

        /// <summary>Whether to try an operation of this kind now.</summary>
        internal bool ShouldTry(RingOp op) => Of(op).ShouldTry();

        /// <summary>The attempt completed an operation of this kind.</summary>
        internal void Done(RingOp op) => Of(op).Done();

        /// <summary>An attempt of this kind was refused with <paramref name="errno"/>; the ring runs the operation.</summary>
        /// <summary>
        /// Records an attempt the kernel refused; true when its error is the call's answer instead (<see cref="ErrorStands"/>:
        /// a socket's pending error, given once), which says nothing about the next attempt and leaves the history as it is.
        /// </summary>
        internal bool Refused(RingOp op, int errno)
        {
            if (ErrorStands(op, errno))
            {
                return true;
            }

            Of(op).Refused(errno);
            return false;
        }

        private ref History Of(RingOp op)
        {
            if (op is RingOp.Write or RingOp.WriteV or RingOp.Send)
            {
                return ref _output;
            }

            return ref _input;
        }
    }

    /// <summary>One direction's history on a descriptor (see <see cref="Descriptor"/>).</summary>
    private struct History
    {
        internal volatile bool Never;
        private int _misses;
        private int _skip;
        private int _backOff;

        internal bool ShouldTry()
        {
            if (Never)
            {
                return false;
            }

            if (_skip > 0)
            {
                _skip--;
                return false;
            }

            return true;
        }

        internal void Done()
        {
            // Write only when there is something to reset: steady hits then only read this object.
            if (_misses != 0)
            {
                _misses = 0;
            }

            if (_backOff != 0)
            {
                _backOff = 0;
            }
        }

        internal void Refused(int errno)
        {
            switch (errno)
            {
                case Errno.EOPNOTSUPP or Errno.ESPIPE:
                    // The file system has no non-blocking form of this direction, or the offset needs a seekable
                    // file while the ring ignores it on a stream: asking again can only give the same answer.
                    Never = true;
                    break;
                case Errno.EAGAIN:
                    if (++_misses >= MissesBeforeBackOff)
                    {
                        _misses = 0;
                        _backOff = Math.Min(Math.Max(_backOff * 2, 8), LongestSkip);
                        _skip = _backOff;
                    }

                    break;

                // Other errors (EBADF, ...) are the operation's own: the ring reports them, or the attempt's
                // answer stands (ErrorStands: a socket's pending error is reported once).
            }
        }
    }
}
