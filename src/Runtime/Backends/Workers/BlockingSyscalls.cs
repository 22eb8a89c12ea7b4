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

    /// <summary>The operations that check readiness first and can still block in their call afterwards (pipes, sockets).</summary>
    internal static bool WaitsForReadiness(RingOp op) => op is RingOp.Read or RingOp.Write or RingOp.ReadV or RingOp.WriteV
        or RingOp.Send or RingOp.Recv or RingOp.SendMsg or RingOp.RecvMsg or RingOp.Accept or RingOp.Splice;

    internal static int Run(Operation op)
    {
        ref readonly RingRequest r = ref op.Request;
        int fd = op.Fd;
        void* buffer = op.BufferPointer;
        nuint length = (nuint)r.Buffer.Length;
        switch (r.Op)
        {
            case RingOp.Nop:
                return 0;
            case RingOp.Read:
                // A zero-length read or write returns 0 at once, as read(2) and io_uring do: no readiness wait.
                return length == 0 || Ready(op, fd, PollEvents.In, out int readyRead) ? Read(fd, buffer, length, r.Offset) : readyRead;
            case RingOp.Write:
                return length == 0 || Ready(op, fd, PollEvents.Out, out int readyWrite) ? Write(fd, buffer, length, r.Offset) : readyWrite;
            case RingOp.ReadV:
                return Ready(op, fd, PollEvents.In, out int readyReadV) ? ReadV(fd, op.Iov, op.IovCount, r.Offset) : readyReadV;
            case RingOp.WriteV:
                return Ready(op, fd, PollEvents.Out, out int readyWriteV) ? WriteV(fd, op.Iov, op.IovCount, r.Offset) : readyWriteV;
            case RingOp.Fsync:
                return Check(Libc.fsync(fd));
            case RingOp.Fdatasync:
                return Check(Libc.fdatasync(fd));
            case RingOp.SyncFileRange:
                return Check(Libc.sync_file_range(fd, r.Offset, r.Length, r.Flags));
            case RingOp.Poll:
                Ready(op, fd, (PollEvents)r.Flags, out int polled);
                return polled; // the ready events, -EBADF, or Parked
            case RingOp.OpenAt:
                return Check(Libc.openat(r.Fd, op.Path, (int)r.Flags, r.Mode));
            case RingOp.Close:
                return Check(Libc.close(fd));
            case RingOp.Statx:
                return Check(Libc.statx(r.Fd, op.Path, (int)r.Flags, r.Mode, buffer));
            case RingOp.Fallocate:
                return Check(Libc.fallocate(fd, (int)r.Mode, r.Offset, r.Length));
            case RingOp.Fadvise:
                return -Libc.posix_fadvise(fd, r.Offset, r.Length, (int)r.Flags);
            case RingOp.Send:
                return Ready(op, fd, PollEvents.Out, out int readySend) ? Check(Libc.send(fd, buffer, length, (int)r.Flags)) : readySend;
            case RingOp.Recv:
                return Ready(op, fd, PollEvents.In, out int readyRecv) ? Check(Libc.recv(fd, buffer, length, (int)r.Flags)) : readyRecv;
            case RingOp.SendMsg:
                return Ready(op, fd, PollEvents.Out, out int readySendMsg) ? Check(Libc.sendmsg(fd, (void*)r.Pointer, (int)r.Flags)) : readySendMsg;
            case RingOp.RecvMsg:
                return Ready(op, fd, PollEvents.In, out int readyRecvMsg) ? Check(Libc.recvmsg(fd, (void*)r.Pointer, (int)r.Flags)) : readyRecvMsg;
            case RingOp.Accept:
                if (!Ready(op, fd, PollEvents.In, out int readyAccept))
                {
                    return readyAccept;
                }

                uint addressLength = (uint)r.Buffer.Length;
                return Check(Libc.accept4(fd, length == 0 ? null : buffer, length == 0 ? null : &addressLength, (int)r.Flags));
            case RingOp.Connect:
                return Check(Libc.connect(fd, buffer, (uint)length));
            case RingOp.Shutdown:
                return Check(Libc.shutdown(fd, (int)r.Flags));
            case RingOp.RenameAt:
                return Check(Libc.renameat2(r.Fd, op.Path, r.Fd2, op.Path2, r.Flags));
            case RingOp.UnlinkAt:
                return Check(Libc.unlinkat(r.Fd, op.Path, (int)r.Flags));
            case RingOp.MkdirAt:
                return Check(Libc.mkdirat(r.Fd, op.Path, r.Mode));
            case RingOp.Splice:
                if (!Ready(op, r.Fd, PollEvents.In, out int readySplice))
                {
                    return readySplice;
                }

                long offIn = r.Offset;
                long offOut = r.Offset2;
                return Check(Libc.splice(r.Fd, r.Offset < 0 ? null : &offIn, r.Fd2, r.Offset2 < 0 ? null : &offOut, (nuint)r.Length, r.Flags));
            case RingOp.Timeout:
                // A timer never holds a worker: it waits on the lane until it is due.
                op.ParkFd = -1;
                op.ParkEvents = 0;
                op.ParkDue = op.StartTimestamp + (long)(r.Length * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));
                return Parked;
            default:
                return -Errno.EINVAL;
        }
    }

    // io_uring ignores the offset of a descriptor that has none (pipe, socket, tty): so do we, instead of
    // failing with ESPIPE, so every backend gives the same answer.
    private static int Read(int fd, void* buffer, nuint length, long offset)
    {
        int result = offset < 0 ? -Errno.ESPIPE : Check(Libc.pread(fd, buffer, length, offset));
        return result == -Errno.ESPIPE ? Check(Libc.read(fd, buffer, length)) : result;
    }

    private static int Write(int fd, void* buffer, nuint length, long offset)
    {
        int result = offset < 0 ? -Errno.ESPIPE : Check(Libc.pwrite(fd, buffer, length, offset));
        return result == -Errno.ESPIPE ? Check(Libc.write(fd, buffer, length)) : result;
    }

    private static int ReadV(int fd, IoVec* iov, int count, long offset)
    {
        int result = Check(Libc.preadv2(fd, iov, count, offset, 0));
        return result == -Errno.ESPIPE && offset >= 0 ? Check(Libc.preadv2(fd, iov, count, -1, 0)) : result;
    }

    private static int WriteV(int fd, IoVec* iov, int count, long offset)
    {
        int result = Check(Libc.pwritev2(fd, iov, count, offset, 0));
        return result == -Errno.ESPIPE && offset >= 0 ? Check(Libc.pwritev2(fd, iov, count, -1, 0)) : result;
    }

    private static int Check(nint result) => result < 0 ? -Marshal.GetLastPInvokeError() : (int)result;

    private static int Check(int result) => result < 0 ? -Marshal.GetLastPInvokeError() : result;

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

        op.ParkFd = fd;
        op.ParkEvents = events;
        op.ParkDue = 0;
        result = Parked;
        return false;
    }
}
