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
        ref readonly RingRequest r = ref op.Request;
        int fd = op.Fd;
        void* buffer = op.BufferPointer;
        nuint length = (nuint)r.Buffer.Length;
        switch (r.Op)
        {
            case RingOp.Nop:
                return 0;
            case RingOp.Read:
                return WaitReady(op, fd, PollEvents.In, out int readyRead) ? (r.Offset < 0 ? Check(Libc.read(fd, buffer, length)) : Check(Libc.pread(fd, buffer, length, r.Offset))) : readyRead;
            case RingOp.Write:
                return WaitReady(op, fd, PollEvents.Out, out int readyWrite) ? (r.Offset < 0 ? Check(Libc.write(fd, buffer, length)) : Check(Libc.pwrite(fd, buffer, length, r.Offset))) : readyWrite;
            case RingOp.ReadV:
                return WaitReady(op, fd, PollEvents.In, out int readyReadV) ? Check(Libc.preadv2(fd, op.Iov, op.IovCount, r.Offset, 0)) : readyReadV;
            case RingOp.WriteV:
                return WaitReady(op, fd, PollEvents.Out, out int readyWriteV) ? Check(Libc.pwritev2(fd, op.Iov, op.IovCount, r.Offset, 0)) : readyWriteV;
            case RingOp.Fsync:
                return Check(Libc.fsync(fd));
            case RingOp.Fdatasync:
                return Check(Libc.fdatasync(fd));
            case RingOp.SyncFileRange:
                return Check(Libc.sync_file_range(fd, r.Offset, r.Length, r.Flags));
            case RingOp.Poll:
                return PollOnce(op, fd, (PollEvents)r.Flags);
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
                return WaitReady(op, fd, PollEvents.Out, out int readySend) ? Check(Libc.send(fd, buffer, length, (int)r.Flags)) : readySend;
            case RingOp.Recv:
                return WaitReady(op, fd, PollEvents.In, out int readyRecv) ? Check(Libc.recv(fd, buffer, length, (int)r.Flags)) : readyRecv;
            case RingOp.SendMsg:
                return WaitReady(op, fd, PollEvents.Out, out int readySendMsg) ? Check(Libc.sendmsg(fd, (void*)r.Pointer, (int)r.Flags)) : readySendMsg;
            case RingOp.RecvMsg:
                return WaitReady(op, fd, PollEvents.In, out int readyRecvMsg) ? Check(Libc.recvmsg(fd, (void*)r.Pointer, (int)r.Flags)) : readyRecvMsg;
            case RingOp.Accept:
                if (!WaitReady(op, fd, PollEvents.In, out int readyAccept))
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
                if (!WaitReady(op, r.Fd, PollEvents.In, out int readySplice))
                {
                    return readySplice;
                }

                long offIn = r.Offset;
                long offOut = r.Offset2;
                return Check(Libc.splice(r.Fd, r.Offset < 0 ? null : &offIn, r.Fd2, r.Offset2 < 0 ? null : &offOut, (nuint)r.Length, r.Flags));
            case RingOp.Timeout:
                return Sleep(op, r.Length);
            default:
                return -Errno.EINVAL;
        }
    }

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
