using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using AsyncSys.Interop;
using AsyncSys.Operations;

namespace AsyncSys.Backends.Workers;

/// <summary>
/// The synchronous form of every ring operation, run on a worker when the kernel has no opcode for it (or
/// no ring is available). Returns the result or -errno, like a CQE. Calls that can wait on a pipe or
/// socket first poll for readiness in short steps, so a cancel request is noticed within one step.
/// </summary>
internal static unsafe class BlockingSyscalls
{
    private const int PollStepMilliseconds = 50;

    internal static int Run(Operation op)
    {
        // No default arm: a new RingOp without its synchronous fallback is a compile error (CS8509).
        delegate*<Operation, int> run = op.Request.Op switch
        {
            RingOp.Nop => &Nop,
            RingOp.Read => &Read,
            RingOp.Write => &Write,
            RingOp.ReadV => &ReadV,
            RingOp.WriteV => &WriteV,
            RingOp.Fsync => &Fsync,
            RingOp.Fdatasync => &Fdatasync,
            RingOp.SyncFileRange => &SyncFileRange,
            RingOp.Poll => &Poll,
            RingOp.OpenAt => &OpenAt,
            RingOp.Close => &Close,
            RingOp.Statx => &Statx,
            RingOp.Fallocate => &Fallocate,
            RingOp.Fadvise => &Fadvise,
            RingOp.Send => &Send,
            RingOp.Recv => &Recv,
            RingOp.SendMsg => &SendMsg,
            RingOp.RecvMsg => &RecvMsg,
            RingOp.Accept => &Accept,
            RingOp.Connect => &Connect,
            RingOp.Shutdown => &Shutdown,
            RingOp.RenameAt => &RenameAt,
            RingOp.UnlinkAt => &UnlinkAt,
            RingOp.MkdirAt => &MkdirAt,
            RingOp.Splice => &Splice,
            RingOp.Timeout => &Timer,
            RingOp.Ftruncate => &Ftruncate,
            RingOp.Auto or RingOp.None => &Invalid,
        };
        return run(op);
    }

    private static int Invalid(Operation op) => -Errno.EINVAL;

    private static int Nop(Operation op) => 0;

    private static int Read(Operation op)
    {
        ref readonly RingRequest r = ref op.Request;
        return WaitReady(op, op.Fd, PollEvents.In, out int ready)
            ? (r.Offset < 0 ? Check(Libc.read(op.Fd, op.BufferPointer, (nuint)r.Buffer.Length)) : Check(Libc.pread(op.Fd, op.BufferPointer, (nuint)r.Buffer.Length, r.Offset)))
            : ready;
    }

    private static int Write(Operation op)
    {
        ref readonly RingRequest r = ref op.Request;
        return WaitReady(op, op.Fd, PollEvents.Out, out int ready)
            ? (r.Offset < 0 ? Check(Libc.write(op.Fd, op.BufferPointer, (nuint)r.Buffer.Length)) : Check(Libc.pwrite(op.Fd, op.BufferPointer, (nuint)r.Buffer.Length, r.Offset)))
            : ready;
    }

    private static int ReadV(Operation op) =>
        WaitReady(op, op.Fd, PollEvents.In, out int ready) ? Check(Libc.preadv2(op.Fd, op.Iov, op.IovCount, op.Request.Offset, 0)) : ready;

    private static int WriteV(Operation op) =>
        WaitReady(op, op.Fd, PollEvents.Out, out int ready) ? Check(Libc.pwritev2(op.Fd, op.Iov, op.IovCount, op.Request.Offset, 0)) : ready;

    private static int Fsync(Operation op) => Check(Libc.fsync(op.Fd));

    private static int Fdatasync(Operation op) => Check(Libc.fdatasync(op.Fd));

    private static int SyncFileRange(Operation op) => Check(Libc.sync_file_range(op.Fd, op.Request.Offset, op.Request.Length, op.Request.Flags));

    private static int Poll(Operation op) => PollOnce(op, op.Fd, (PollEvents)op.Request.Flags);

    private static int OpenAt(Operation op) => Check(Libc.openat(op.Request.Fd, op.Path, (int)op.Request.Flags, op.Request.Mode));

    private static int Close(Operation op) => Check(Libc.close(op.Fd));

    private static int Statx(Operation op) => Check(Libc.statx(op.Request.Fd, op.Path, (int)op.Request.Flags, op.Request.Mode, op.BufferPointer));

    private static int Fallocate(Operation op) => Check(Libc.fallocate(op.Fd, (int)op.Request.Mode, op.Request.Offset, op.Request.Length));

    // posix_fadvise returns the error number itself instead of -1 and errno.
    private static int Fadvise(Operation op) => -Libc.posix_fadvise(op.Fd, op.Request.Offset, op.Request.Length, (int)op.Request.Flags);

    private static int Send(Operation op) =>
        WaitReady(op, op.Fd, PollEvents.Out, out int ready) ? Check(Libc.send(op.Fd, op.BufferPointer, (nuint)op.Request.Buffer.Length, (int)op.Request.Flags)) : ready;

    private static int Recv(Operation op) =>
        WaitReady(op, op.Fd, PollEvents.In, out int ready) ? Check(Libc.recv(op.Fd, op.BufferPointer, (nuint)op.Request.Buffer.Length, (int)op.Request.Flags)) : ready;

    private static int SendMsg(Operation op) =>
        WaitReady(op, op.Fd, PollEvents.Out, out int ready) ? Check(Libc.sendmsg(op.Fd, (void*)op.Request.Pointer, (int)op.Request.Flags)) : ready;

    private static int RecvMsg(Operation op) =>
        WaitReady(op, op.Fd, PollEvents.In, out int ready) ? Check(Libc.recvmsg(op.Fd, (void*)op.Request.Pointer, (int)op.Request.Flags)) : ready;

    private static int Accept(Operation op)
    {
        if (!WaitReady(op, op.Fd, PollEvents.In, out int ready))
        {
            return ready;
        }

        nuint length = (nuint)op.Request.Buffer.Length;
        uint addressLength = (uint)length;
        return Check(Libc.accept4(op.Fd, length == 0 ? null : op.BufferPointer, length == 0 ? null : &addressLength, (int)op.Request.Flags));
    }

    private static int Connect(Operation op) => Check(Libc.connect(op.Fd, op.BufferPointer, (uint)op.Request.Buffer.Length));

    private static int Shutdown(Operation op) => Check(Libc.shutdown(op.Fd, (int)op.Request.Flags));

    private static int RenameAt(Operation op) => Check(Libc.renameat2(op.Request.Fd, op.Path, op.Request.Fd2, op.Path2, op.Request.Flags));

    private static int UnlinkAt(Operation op) => Check(Libc.unlinkat(op.Request.Fd, op.Path, (int)op.Request.Flags));

    private static int MkdirAt(Operation op) => Check(Libc.mkdirat(op.Request.Fd, op.Path, op.Request.Mode));

    private static int Splice(Operation op)
    {
        ref readonly RingRequest r = ref op.Request;
        if (!WaitReady(op, r.Fd, PollEvents.In, out int ready))
        {
            return ready;
        }

        long offIn = r.Offset;
        long offOut = r.Offset2;
        return Check(Libc.splice(r.Fd, r.Offset < 0 ? null : &offIn, r.Fd2, r.Offset2 < 0 ? null : &offOut, (nuint)r.Length, r.Flags));
    }

    private static int Ftruncate(Operation op) => Check(Libc.ftruncate(op.Fd, op.Request.Length));

    private static int Timer(Operation op) => Sleep(op, op.Request.Length);

    private static int Check(nint result) => result < 0 ? -Marshal.GetLastPInvokeError() : (int)result;

    private static int Check(int result) => result < 0 ? -Marshal.GetLastPInvokeError() : result;

    /// <summary>Waits until <paramref name="fd"/> is ready (regular files always are); false with the result to return if it should not proceed.</summary>
    private static bool WaitReady(Operation op, int fd, PollEvents events, out int result)
    {
        result = PollOnce(op, fd, events);
        return result > 0;
    }

    private static int PollOnce(Operation op, int fd, PollEvents events)
    {
        PollFd pollFd = new() { Fd = fd, Events = (short)events };
        while (true)
        {
            if (op.IsCancellationRequested)
            {
                return -Errno.ECANCELED;
            }

            int ready = Libc.poll(&pollFd, 1, PollStepMilliseconds);
            if (ready > 0)
            {
                // POLLNVAL: the descriptor is not open. The ring reports that as EBADF, so do we.
                return (pollFd.REvents & (short)PollEvents.Invalid) != 0 ? -Errno.EBADF : (ushort)pollFd.REvents;
            }

            if (ready < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                {
                    return -errno;
                }
            }
        }
    }

    private static int Sleep(Operation op, long ticks)
    {
        long end = Stopwatch.GetTimestamp() + (long)(ticks * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));
        while (true)
        {
            if (op.IsCancellationRequested)
            {
                return -Errno.ECANCELED;
            }

            long left = end - Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                return 0;
            }

            int milliseconds = (int)Math.Min(PollStepMilliseconds, Math.Ceiling(left * 1000.0 / Stopwatch.Frequency));
            Libc.poll(null, 0, milliseconds);
        }
    }
}
