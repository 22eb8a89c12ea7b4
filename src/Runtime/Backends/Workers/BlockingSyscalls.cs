using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using AsyncSys.Interop;
using AsyncSys.Operations;

namespace AsyncSys.Backends.Workers;

/// <summary>
/// The synchronous form of every ring operation, run on a worker when the kernel has no opcode for it (or
/// no ring is available). Returns the result or -errno, like a CQE. A call that would wait for a pipe or
/// socket first asks poll (timeout 0) whether it is ready; if not, it returns <see cref="Parked"/> and the
/// worker hands the operation to the <see cref="ReadinessLane"/> instead of waiting (issue 16, item 7).
/// </summary>
internal static unsafe class BlockingSyscalls
{
    /// <summary>Not a result: the operation waits on the readiness lane (<see cref="Operation.ParkFd"/>, <see cref="Operation.ParkEvents"/>, <see cref="Operation.ParkDue"/>).</summary>
    internal const int Parked = int.MinValue;

    /// <summary>
    /// The operations that can block in their call on a worker (pipes, sockets): a cancel or a deadline interrupts the
    /// worker. connect(2) on a blocking socket waits for the handshake in the call itself (up to minutes when the
    /// peer's accept queue is full), and openat(2) of a FIFO waits for the other end to be opened (for ever if nobody
    /// does); interrupted, each ends with EINTR and the cancel's answer (an open that made its descriptor first closes it:
    /// Operation.Outcome).
    /// </summary>
    internal static bool WaitsForReadiness(RingOp op) => op is RingOp.Read or RingOp.Write or RingOp.ReadV or RingOp.WriteV
        or RingOp.Send or RingOp.Recv or RingOp.SendMsg or RingOp.RecvMsg or RingOp.Accept or RingOp.Splice or RingOp.Connect
        or RingOp.OpenAt;

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

    // A zero-length read or write returns 0 at once, as read(2) and io_uring do: no readiness wait. A ready descriptor
    // whose byte another reader took first answers EAGAIN when it is O_NONBLOCK: the call waits again (CallWhileReady).
    private static int Read(Operation op) =>
        op.Request.Buffer.Length == 0 || Ready(op, op.IoFd, PollEvents.In, out int ready) ? CallWhileReady(op, PollEvents.In, &ReadNow) : AnswerUnlessWaiting(op, ready);

    private static int Write(Operation op) =>
        op.Request.Buffer.Length == 0 || Ready(op, op.IoFd, PollEvents.Out, out int ready) ? CallWhileReady(op, PollEvents.Out, &WriteNow) : AnswerUnlessWaiting(op, ready);

    // The same for vectored calls whose segments are all empty: a readiness wait would never end on an idle pipe.
    private static int ReadV(Operation op) =>
        op.RequestedBytes() == 0 || Ready(op, op.IoFd, PollEvents.In, out int ready) ? CallWhileReady(op, PollEvents.In, &ReadVNow) : AnswerUnlessWaiting(op, ready);

    private static int WriteV(Operation op) =>
        op.RequestedBytes() == 0 || Ready(op, op.IoFd, PollEvents.Out, out int ready) ? CallWhileReady(op, PollEvents.Out, &WriteVNow) : AnswerUnlessWaiting(op, ready);

    private static int ReadNow(Operation op) => Read(op.IoFd, op.BufferPointer, (nuint)op.Request.Buffer.Length, op.Request.Offset);

    private static int WriteNow(Operation op) => Write(op.IoFd, op.BufferPointer, (nuint)op.Request.Buffer.Length, op.Request.Offset);

    private static int ReadVNow(Operation op) => ReadV(op.IoFd, op.Iov, op.IovCount, op.Request.Offset);

    private static int WriteVNow(Operation op) => WriteV(op.IoFd, op.Iov, op.IovCount, op.Request.Offset);

    private static int Fsync(Operation op) => Check(Libc.fsync(op.Fd));

    private static int Fdatasync(Operation op) => Check(Libc.fdatasync(op.Fd));

    private static int SyncFileRange(Operation op) => Check(Libc.sync_file_range(op.Fd, op.Request.Offset, op.Request.Length, op.Request.Flags));

    private static int Poll(Operation op)
    {
        Ready(op, op.IoFd, (PollEvents)op.Request.Flags, out int polled);
        return polled; // the ready events, -EBADF, or Parked
    }

    private static int OpenAt(Operation op) => Check(Libc.openat(op.Request.Fd, op.Path, (int)op.Request.Flags, op.Request.Mode));

    private static int Close(Operation op) => Check(Libc.close(op.Fd));

    private static int Statx(Operation op) => Check(Libc.statx(op.Request.Fd, op.Path, (int)op.Request.Flags, op.Request.Mode, op.BufferPointer));

    private static int Fallocate(Operation op) => Check(Libc.fallocate(op.Fd, (int)op.Request.Mode, op.Request.Offset, op.Request.Length));

    // posix_fadvise returns the error number itself instead of -1 and errno.
    private static int Fadvise(Operation op) => -Libc.posix_fadvise(op.Fd, op.Request.Offset, op.Request.Length, (int)op.Request.Flags);

    private static int Send(Operation op) =>
        op.Request.Buffer.IsEmpty ? ZeroLengthSocketCall(op, send: true)
        : AsksNotToWait(op) ? SendNow(op)
        : Ready(op, op.IoFd, PollEvents.Out, out int ready)
            ? CallWhileReady(op, PollEvents.Out, &SendNow)
            : AnswerUnlessWaiting(op, ready);

    // A receive or send of zero bytes returns 0 at once, like a zero-length read or write: asked without blocking (a
    // blocking recv(2) of 0 bytes on a Unix stream socket waits for a byte), so the kernel still reports EBADF, ENOTSOCK
    // or a reset connection, and "would block" is the 0 it stands for.
    private static int ZeroLengthSocketCall(Operation op, bool send)
    {
        byte unused;
        int flags = (int)op.Request.Flags | Libc.MSG_DONTWAIT;
        int result = Check(send ? Libc.send(op.IoFd, &unused, 0, flags) : Libc.recv(op.IoFd, &unused, 0, flags));
        return result == -Errno.EAGAIN ? 0 : result;
    }

    // MSG_WAITALL is never asked without blocking: recv with MSG_DONTWAIT returns what is there, so the bytes that came
    // between poll's "not ready" and the question (or sit below SO_RCVLOWAT) would end the receive short. It waits for
    // readiness, then the blocking recv waits for all of it, as recv(2) does (io_uring keeps what a partial attempt got
    // and waits for the rest).
    private static int Recv(Operation op) =>
        op.Request.Buffer.IsEmpty ? ZeroLengthSocketCall(op, send: false)
        : AsksNotToWait(op) ? RecvNow(op)
        : Ready(op, op.IoFd, PollEvents.In, out int ready)
            ? CallWhileReady(op, PollEvents.In, &RecvNow)
            : (op.Request.Flags & Libc.MSG_WAITALL) != 0 ? ready : AnswerUnlessWaiting(op, ready);

    private static int SendMsg(Operation op) =>
        AsksNotToWait(op) ? SendMsgNow(op) : Ready(op, op.IoFd, PollEvents.Out, out int ready) ? CallWhileReady(op, PollEvents.Out, &SendMsgNow) : ready;

    private static int RecvMsg(Operation op) =>
        AsksNotToWait(op) ? RecvMsgNow(op) : Ready(op, op.IoFd, PollEvents.In, out int ready) ? CallWhileReady(op, PollEvents.In, &RecvMsgNow) : ready;

    /// <summary>
    /// Whether the caller asked this receive or send not to wait (MSG_DONTWAIT): the call itself never blocks, so it is
    /// made at once and its EAGAIN is the answer, as recv(2) and the kernel ring give it; no readiness wait (review of
    /// round 10: on the workers such a receive of an empty socket waited for data).
    /// </summary>
    private static bool AsksNotToWait(Operation op) => ((int)op.Request.Flags & Libc.MSG_DONTWAIT) != 0;

    private static int SendNow(Operation op) => Check(Libc.send(op.IoFd, op.BufferPointer, (nuint)op.Request.Buffer.Length, (int)op.Request.Flags));

    private static int RecvNow(Operation op) => Check(Libc.recv(op.IoFd, op.BufferPointer, (nuint)op.Request.Buffer.Length, (int)op.Request.Flags));

    private static int SendMsgNow(Operation op) => Check(Libc.sendmsg(op.IoFd, (void*)op.Request.Pointer, (int)op.Request.Flags));

    private static int RecvMsgNow(Operation op) => Check(Libc.recvmsg(op.IoFd, (void*)op.Request.Pointer, (int)op.Request.Flags));

    private static int AcceptChecked(Operation op) => Check(AcceptNow(op));

    private static int Accept(Operation op)
    {
        if (!Ready(op, op.IoFd, PollEvents.In, out int ready))
        {
            return ready;
        }

        return CallWhileReady(op, PollEvents.In, &AcceptChecked);
    }

    /// <summary>
    /// accept4 with the request's address: a pinned buffer whose length goes in a local (the ring's Memory form keeps
    /// no length either), or the caller's own <c>sockaddr*</c> and <c>socklen_t*</c>, which the kernel writes through.
    /// </summary>
    internal static int AcceptNow(Operation op)
    {
        ref readonly RingRequest r = ref op.Request;
        if (r.Buffer.IsEmpty)
        {
            return Libc.accept4(op.IoFd, (void*)r.Pointer, (uint*)r.LengthPointer, (int)r.Flags);
        }

        uint addressLength = (uint)r.Buffer.Length;
        return Libc.accept4(op.IoFd, op.BufferPointer, &addressLength, (int)r.Flags);
    }

    /// <summary>
    /// connect(2). On a non-blocking socket it answers EINPROGRESS at once and the handshake goes on in the kernel; the
    /// kernel ring waits for its end instead and answers as a blocking connect does. So does this: the operation waits
    /// on the readiness lane until the socket is writable (the handshake ended or failed), then asks connect again,
    /// which answers 0 or the handshake's error (ECONNREFUSED, ETIMEDOUT, ...), and EALREADY while it still runs
    /// (hostile round 10: every backend gives the same answer). A token or deadline ends the wait as for a receive.
    /// EALREADY to an operation that has not waited yet is the answer: another connect started that handshake, and
    /// connect(2) and the kernel ring answer so at once (review of round 10; waiting beside it, this one could take the
    /// other's 0 and leave it EISCONN).
    /// </summary>
    private static int Connect(Operation op)
    {
        int result = Check(Libc.connect(op.IoFd, op.BufferPointer, (uint)op.Request.Buffer.Length));
        if (!(result == -Errno.EINPROGRESS || (result == -Errno.EALREADY && op.ParkEvents != 0)))
        {
            return result;
        }

        // Parked (or EBADF) until writable; the lane then runs this again, and connect answers for the handshake.
        return Ready(op, op.IoFd, PollEvents.Out, out int ready)
            ? Check(Libc.connect(op.IoFd, op.BufferPointer, (uint)op.Request.Buffer.Length))
            : ready;
    }

    private static int Shutdown(Operation op) => Check(Libc.shutdown(op.Fd, (int)op.Request.Flags));

    private static int RenameAt(Operation op) => Check(Libc.renameat2(op.Request.Fd, op.Path, op.Request.Fd2, op.Path2, op.Request.Flags));

    private static int UnlinkAt(Operation op) => Check(Libc.unlinkat(op.Request.Fd, op.Path, (int)op.Request.Flags));

    private static int MkdirAt(Operation op) => Check(Libc.mkdirat(op.Request.Fd, op.Path, op.Request.Mode));

    private static int Splice(Operation op)
    {
        ref readonly RingRequest r = ref op.Request;
        if (!Ready(op, op.IoFd, PollEvents.In, out int ready))
        {
            return ready;
        }

        long offIn = r.Offset;
        long offOut = r.Offset2;
        return Check(Libc.splice(op.IoFd, r.Offset < 0 ? null : &offIn, r.Fd2, r.Offset2 < 0 ? null : &offOut, (nuint)r.Length, r.Flags));
    }

    private static int Ftruncate(Operation op) => Check(Libc.ftruncate(op.Fd, op.Request.Length));

    // A timer never holds a worker: it waits on the lane until it is due.
    private static int Timer(Operation op)
    {
        op.ParkFd = -1;
        op.ParkEvents = 0;
        // From now, not from admission: the admission time is read from the coarse clock and may be a few ms early,
        // and a timer must never fire early.
        op.ParkDue = Stopwatch.GetTimestamp() + (long)(op.Request.Length * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));
        return Parked;
    }

    // A descriptor without a file position answers pread/pwrite with ESPIPE; the kernel ring answers as the file's own
    // read and write do, and so do these, so every backend gives the same answer: a pipe, a FIFO or a tty ignores the
    // offset (the transfer happens), a socket refuses any offset but 0 with ESPIPE (sock_read_iter, sock_write_iter).
    private static int Read(int fd, void* buffer, nuint length, long offset)
    {
        int result = offset < 0 ? -Errno.ESPIPE : Check(Libc.pread(fd, buffer, length, offset));
        return IgnoresOffset(fd, result, offset) ? Check(Libc.read(fd, buffer, length)) : result;
    }

    private static int Write(int fd, void* buffer, nuint length, long offset)
    {
        int result = offset < 0 ? -Errno.ESPIPE : Check(Libc.pwrite(fd, buffer, length, offset));
        return IgnoresOffset(fd, result, offset) ? Check(Libc.write(fd, buffer, length)) : result;
    }

    private static int ReadV(int fd, IoVec* iov, int count, long offset)
    {
        int result = Check(Libc.preadv2(fd, iov, count, offset, 0));
        return offset >= 0 && IgnoresOffset(fd, result, offset) ? Check(Libc.preadv2(fd, iov, count, -1, 0)) : result;
    }

    private static int WriteV(int fd, IoVec* iov, int count, long offset)
    {
        int result = Check(Libc.pwritev2(fd, iov, count, offset, 0));
        return offset >= 0 && IgnoresOffset(fd, result, offset) ? Check(Libc.pwritev2(fd, iov, count, -1, 0)) : result;
    }

    /// <summary>
    /// Whether a positional call that got <paramref name="result"/> is to be made again at the current position: it was
    /// refused with ESPIPE (the descriptor has no position) and the kernel ring would have done it, which it does for
    /// every such descriptor except a socket asked at an offset other than 0. One getsockopt, only on that path.
    /// </summary>
    private static bool IgnoresOffset(int fd, int result, long offset) =>
        result == -Errno.ESPIPE && (offset <= 0 || !Libc.IsSocket(fd));

    /// <summary>Whether the operation is a read or write the kernel refuses at once: on a socket, at an offset other than 0 or -1.</summary>
    private static bool IsRefusedSocketOffset(Operation op) =>
        op.Request.Op is RingOp.Read or RingOp.Write or RingOp.ReadV or RingOp.WriteV && op.Request.Offset > 0 && Libc.IsSocket(op.IoFd);

    private static int Check(nint result) => result < 0 ? -Marshal.GetLastPInvokeError() : (int)result;

    private static int Check(int result) => result < 0 ? -Marshal.GetLastPInvokeError() : result;

    /// <summary>
    /// A descriptor that poll calls not ready may still answer at once, without waiting: an eventfd read into fewer
    /// than 8 bytes is EINVAL, whatever the counter. Before the operation waits on the readiness lane, its
    /// non-blocking form is asked once, as io_uring does before it arms its poll; only "would block" (or "cannot
    /// ask without blocking") makes it wait. A blocking read(2) would have answered the same at once.
    /// </summary>
    private static int AnswerUnlessWaiting(Operation op, int ready)
    {
        if (ready != Parked)
        {
            return ready;
        }

        int now = op.RunNonBlocking();
        if (now == -Errno.EOPNOTSUPP && AsksPlainCallWithoutWaiting(op))
        {
            now = op.Request.Op switch
            {
                RingOp.Read => ReadNow(op),
                RingOp.Write => WriteNow(op),
                RingOp.ReadV => ReadVNow(op),
                _ => WriteVNow(op),
            };
        }

        if (now == -Errno.ESPIPE && IsRefusedSocketOffset(op))
        {
            return now; // what the kernel ring answers at once, whether or not the socket is ready
        }

        return now is -Errno.EAGAIN or -Errno.EOPNOTSUPP or -Errno.ESPIPE or -Errno.EINTR ? Parked : now;
    }

    /// <summary>
    /// Whether a read or write whose non-blocking form the file refused (EOPNOTSUPP: RWF_NOWAIT on a FIFO opened by path)
    /// can be asked as the plain call instead: on an O_NONBLOCK descriptor it never waits either. A FIFO opened O_RDONLY |
    /// O_NONBLOCK that no writer has opened yet is not ready for poll, yet read(2) and the kernel ring answer 0 (end of
    /// file) at once (hostile round 11: the worker waited for a writer, for ever if none came).
    /// </summary>
    private static bool AsksPlainCallWithoutWaiting(Operation op) =>
        op.Request.Op is RingOp.Read or RingOp.Write or RingOp.ReadV or RingOp.WriteV
        && Libc.fcntl(op.IoFd, Libc.F_GETFL, 0) is int flags && flags >= 0 && (flags & Libc.O_NONBLOCK) != 0;

    /// <summary>
    /// Whether <paramref name="fd"/> is ready now (regular files always are). If it is not, the operation is
    /// set up to park and <paramref name="result"/> is <see cref="Parked"/>; on POLLNVAL it is -EBADF (what the
    /// ring reports); otherwise it is the ready events.
    /// </summary>
    private static bool Ready(Operation op, int fd, PollEvents events, out int result)
    {
        PollFd pollFd = new() { Fd = fd, Events = (short)events };
        int ready = Libc.poll(&pollFd, 1, 0);
        if (ready > 0)
        {
            if ((pollFd.REvents & (short)PollEvents.Invalid) != 0)
            {
                result = -Errno.EBADF;
                return false;
            }

            result = (ushort)pollFd.REvents;
            return true;
        }

        if (ready < 0 && Marshal.GetLastPInvokeError() is int errno && errno != Errno.EINTR)
        {
            result = -errno;
            return false;
        }

        result = Park(op, fd, events);
        return false;
    }

    /// <summary>Sets the operation up to wait on the readiness lane for <paramref name="events"/>; <see cref="Parked"/>, or -errno.</summary>
    private static int Park(Operation op, int fd, PollEvents events)
    {
        if (!op.HoldsItsFile)
        {
            // Waiting may take long, and the caller may close its number meanwhile (to "cancel" a read, say) and the
            // number be reused for another file: polling and then reading the number would take that file's bytes.
            // The kernel ring holds the file an operation uses from its submission; so does this, with a duplicate,
            // so a parked operation waits on, and reads, the file it was started on, on every backend.
            int held = Libc.fcntl(fd, Libc.F_DUPFD_CLOEXEC, 0);
            if (held < 0)
            {
                return -Marshal.GetLastPInvokeError(); // closed since it was polled: EBADF, as the ring would say
            }

            op.HeldFd = fd = held;
        }

        op.ParkFd = fd;
        op.ParkEvents = events;
        op.ParkDue = 0;
        return Parked;
    }

    /// <summary>Calls of a ready socket that may answer EAGAIN before the operation's answer is that EAGAIN (see <see cref="CallWhileReady"/>).</summary>
    private const int CallsWhileReady = 4;

    /// <summary>
    /// Makes <paramref name="call"/>, which poll called ready for. It can still find nothing when another waiter took it
    /// first (eight accepts on one listener, the caller's own attempt, several receives on one socket): on a non-blocking
    /// descriptor it answers EAGAIN, where the kernel ring waits again. Unless the caller asked not to wait (MSG_DONTWAIT)
    /// or the call never waits (MSG_ERRQUEUE), the operation then waits on the lane again when poll now says not ready
    /// (hostile round 10: an accept storm on a non-blocking listener). When poll still says ready, the call is made again,
    /// and after <see cref="CallsWhileReady"/> calls its EAGAIN is the answer: poll can call a socket ready for ever while
    /// the call refuses (a UDP socket shut for reading), and waiting again would be a busy loop between the lane and a
    /// worker (review of round 10).
    /// </summary>
    private static int CallWhileReady(Operation op, PollEvents events, delegate*<Operation, int> call)
    {
        for (int calls = 1; ; calls++)
        {
            int result = call(op);
            if (result != -Errno.EAGAIN || AsksNoSecondWait(op))
            {
                return result;
            }

            if (!Ready(op, op.IoFd, events, out int ready))
            {
                return ready; // taken by another waiter: parked again (or EBADF)
            }

            if (calls == CallsWhileReady)
            {
                return result;
            }
        }
    }

    /// <summary>
    /// Whether an EAGAIN is the answer at once: a receive or send the caller asked not to wait (MSG_DONTWAIT), or one
    /// from the error queue (MSG_ERRQUEUE, which never waits). Reads and writes carry no such flags (their request's
    /// flags are not message flags): their EAGAIN always means another waiter took the byte or the room.
    /// </summary>
    private static bool AsksNoSecondWait(Operation op) =>
        op.Request.Op is RingOp.Send or RingOp.Recv or RingOp.SendMsg or RingOp.RecvMsg
        && ((int)op.Request.Flags & (Libc.MSG_DONTWAIT | Libc.MSG_ERRQUEUE)) != 0;
}
