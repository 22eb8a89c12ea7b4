using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys.Interop;

namespace AsyncSys.Operations;

// The non-blocking form of the operations that usually complete at once, run on the submitting thread
// before the ring is touched (IoRingOptions.TryNonBlockingFirst).
internal sealed unsafe partial class Operation : IThreadPoolWorkItem
{
    private int _resultAfterWaitingWork;

    /// <summary>
    /// Set by <see cref="ShortBlockingCalls"/> before it runs an offloaded call on its caller's thread whose turn it is
    /// to yield: the worker job body then ends with <see cref="CompleteAfterWaitingWork"/> instead of completing at once.
    /// </summary>
    internal bool CompletesAfterWaitingWork;

    /// <summary>
    /// Completes an operation done on its caller's thread from the back of the thread pool's queue, so the caller's
    /// await gives its thread to the work queued before it (ImmediateAttempts.ShouldYield). The caller sees a
    /// pending ValueTask; the result is the one already obtained, whatever happens meanwhile.
    /// </summary>
    internal void CompleteAfterWaitingWork(int result)
    {
        _resultAfterWaitingWork = result;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    void IThreadPoolWorkItem.Execute()
    {
        // Already on a pool thread, behind the waiting work: resume the awaiter here rather than queue it again.
        if (TryFinish(_resultAfterWaitingWork))
        {
            Deliver(runContinuationInline: true);
        }
    }

    /// <summary>
    /// Runs the prepared request's non-blocking form on this thread: preadv2/pwritev2 with RWF_NOWAIT, or
    /// recv/send with MSG_DONTWAIT, accept4 on an O_NONBLOCK listener. Only for the ops <see cref="ImmediateAttempts.IsCandidate"/> accepts.
    /// </summary>
    /// <returns>The result, or -errno (EAGAIN when it would have blocked).</returns>
    internal int RunNonBlocking()
    {
        ref readonly RingRequest r = ref Request;
        nint result;
        switch (r.Op)
        {
            case RingOp.Read or RingOp.Write or RingOp.Recv or RingOp.Send:
                return RunNonBlocking(r, IoFd, BufferPointer);

            case RingOp.ReadV:
                result = Libc.preadv2(IoFd, Iov, IovCount, r.Offset, Libc.RWF_NOWAIT);
                break;
            case RingOp.WriteV:
                result = Libc.pwritev2(IoFd, Iov, IovCount, r.Offset, Libc.RWF_NOWAIT);
                break;
            case RingOp.Accept:
            {
                // accept has no per-call non-blocking flag: only a listener that is O_NONBLOCK right now (checked
                // on every attempt: its mode can change) can be asked without blocking this thread.
                int mode = Libc.fcntl(IoFd, Libc.F_GETFL, 0);
                if (mode < 0 || (mode & Libc.O_NONBLOCK) == 0)
                {
                    return -Errno.EAGAIN;
                }

                result = Backends.Workers.BlockingSyscalls.AcceptNow(this);
                break;
            }

            default:
                return -Errno.EAGAIN; // not attempted: the ring runs it
        }

        return result < 0 ? -Marshal.GetLastPInvokeError() : (int)result;
    }

    /// <summary>
    /// The non-blocking form of a single-buffer read, write, recv or send on <paramref name="fd"/>, with the buffer
    /// at <paramref name="buffer"/> (pinned by the caller for the duration of the call).
    /// </summary>
    /// <returns>The result, or -errno (EAGAIN when it would have blocked).</returns>
    internal static int RunNonBlocking(in RingRequest request, int fd, void* buffer)
    {
        nint result;
        nuint length = (nuint)request.Buffer.Length;
        switch (request.Op)
        {
            case RingOp.Read:
            {
                IoVec one = new() { Base = buffer, Length = length };
                result = Libc.preadv2(fd, &one, 1, request.Offset, Libc.RWF_NOWAIT);
                break;
            }

            case RingOp.Write:
            {
                IoVec one = new() { Base = buffer, Length = length };
                result = Libc.pwritev2(fd, &one, 1, request.Offset, Libc.RWF_NOWAIT);
                break;
            }

            case RingOp.Recv:
                result = Libc.recv(fd, buffer, length, (int)request.Flags | Libc.MSG_DONTWAIT);
                break;
            case RingOp.Send:
                result = Libc.send(fd, buffer, length, (int)request.Flags | Libc.MSG_DONTWAIT);
                break;
            default:
                return -Errno.EAGAIN; // not a single-buffer transfer: the caller's other path runs it
        }

        return result < 0 ? -Marshal.GetLastPInvokeError() : (int)result;
    }

    /// <summary>
    /// A read, write, receive or send (single or vectored) of zero bytes: every backend answers it at once, on a
    /// worker, without waiting for the descriptor to be ready (the kernel's own answer: 0, or an error such as EBADF).
    /// </summary>
    internal bool IsZeroLengthTransfer =>
        Request.Op is RingOp.Read or RingOp.Write or RingOp.ReadV or RingOp.WriteV or RingOp.Recv or RingOp.Send
        && RequestedBytes() == 0;

    /// <summary>The bytes the request asks to move (all segments for vectored requests).</summary>
    internal long RequestedBytes()
    {
        if (Iov is null)
        {
            return Request.Buffer.Length;
        }

        long total = 0;
        for (int i = 0; i < IovCount; i++)
        {
            total += (long)Iov[i].Length;
        }

        return total;
    }
}
