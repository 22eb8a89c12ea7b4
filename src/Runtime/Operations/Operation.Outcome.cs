using System;
using AsyncSys.Interop;
using AsyncSys.Shared;

namespace AsyncSys.Operations;

// Outcome mapping: what the awaiter gets for a kernel (or worker) result, given who asked the operation to stop.
internal sealed partial class Operation
{
    /// <summary>
    /// The exception the awaiter gets for <paramref name="result"/> (null: the result stands), adjusting the result
    /// where the kernel's answer means something else here (a timer's ETIME is its success).
    /// </summary>
    private Exception? Outcome(RingOp op, ref int result)
    {
        CancelReason reason = CancelReason;
        if (op == RingOp.Timeout && result == -Errno.ETIME)
        {
            result = 0; // the timer expired: that is its success
        }

        if (reason == CancelReason.Deadline && _returnRawErrors && (result == -Errno.ECANCELED || result == -Errno.EINTR))
        {
            result = -Errno.ETIME;
            return null;
        }

        if (reason != CancelReason.None)
        {
            if (result == -Errno.ECANCELED || result == -Errno.EINTR)
            {
                return CancelledException(reason);
            }

            if (result >= 0 && RingOperations.Has(op, RingOpTraits.CreatesDescriptor))
            {
                // The caller asked to stop; it never sees this descriptor, so it must not leak.
                Libc.close(result);
                if (reason == CancelReason.Deadline && _returnRawErrors)
                {
                    // As for a call the deadline stopped: the raw mode's answer is -ETIME, not a thrown ETIME.
                    result = -Errno.ETIME;
                    return null;
                }

                return CancelledException(reason);
            }
        }
        else if ((result == -Errno.ECANCELED || (result == -Errno.EINTR && RanOn == IoBackend.IoUring)) && HasDeadline)
        {
            result = -Errno.ETIME;
            if (!_returnRawErrors)
            {
                return new ErrnoException(Errno.ETIME, SyscallName(op), $"deadline of {TimeSpan.FromTicks(Request.TimeoutTicks)} elapsed");
            }
        }
        else if (result == -Errno.ECANCELED && !_returnRawErrors)
        {
            // Nobody asked this occupant to stop, yet the kernel cancelled it. The io_uring ring runs such an operation
            // again on a worker (Operation.Requeue.cs), so this is a backend without that path: the caller is told the
            // call failed and why, never that someone cancelled it.
            return new ErrnoException(Errno.ECANCELED, SyscallName(op), "the kernel cancelled this call although nobody asked it to");
        }

        if (result < 0 && !_returnRawErrors)
        {
            return new ErrnoException(-result, SyscallName(op), ErrorDetail());
        }

        return null;
    }

    private Exception CancelledException(CancelReason reason) => reason switch
    {
        CancelReason.Deadline => new ErrnoException(Errno.ETIME, SyscallName(Request.Op), $"deadline of {TimeSpan.FromTicks(Request.TimeoutTicks)} elapsed"),
        _ => CancelOutcome.For(reason, _token),
    };

    private string? ErrorDetail()
    {
        if (Request.Path is { } path)
        {
            return Request.Path2 is { } path2 ? $"'{path}' -> '{path2}'" : $"'{path}'";
        }

        return DescriptorDetail(Request.Op, Fd);
    }

    /// <summary>"fd N" for an operation that takes a descriptor, as error messages name it; null otherwise.</summary>
    private static string? DescriptorDetail(RingOp op, int fd) =>
        fd >= 0 && RingOperations.Has(op, RingOpTraits.TakesDescriptor) ? "fd " + fd.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// The exception an admitted operation of <paramref name="request"/> would report for <paramref name="errno"/>: the
    /// same errno, syscall and descriptor, for an answer the kernel gave before any slot was taken (the attempt without
    /// a slot got a socket's pending error, and its caller's token then ended the wait for a slot).
    /// </summary>
    internal static ErrnoException ErrorWithoutSlot(in RingRequest request, int errno)
    {
        int fd = request.Handle is { } handle ? (int)handle.DangerousGetHandle() : request.Fd;
        return new ErrnoException(errno, SyscallAt(RingOperations.Of(request.Op), request.Offset), DescriptorDetail(request.Op, fd));
    }

    /// <summary>The syscall an operation stands for, as named in error messages.</summary>
    internal string SyscallName(RingOp op)
    {
        if (!RingOperations.IsOperation(op))
        {
            return "offloaded call"; // RunBlockingAsync: the caller's own code, which names its syscall itself
        }

        return SyscallAt(RingOperations.Of(op), Request.Offset);
    }

    /// <summary>The syscall a read or write at <paramref name="offset"/> stands for (-1: the file position), or the op's own.</summary>
    private static string SyscallAt(RingOpInfo info, long offset) =>
        info.Has(RingOpTraits.CarriesFileOffset) && offset < 0 ? info.SyscallAtFilePosition : info.Syscall;
}
