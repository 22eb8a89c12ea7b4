using AsyncSys.Interop;
using AsyncSys.Operations;

namespace AsyncSys.Backends.IoUring;

/// <summary>Filling one SQE from an operation: the field each opcode reads is as in liburing's io_uring_prep_* helpers.</summary>
internal sealed unsafe partial class IoUringBackend
{
    private static IoUringOp? OpcodeFor(RingOp op) => op switch
    {
        RingOp.Nop => IoUringOp.Nop,
        RingOp.Read => IoUringOp.Read,
        RingOp.Write => IoUringOp.Write,
        RingOp.ReadV => IoUringOp.ReadV,
        RingOp.WriteV => IoUringOp.WriteV,
        RingOp.Fsync or RingOp.Fdatasync => IoUringOp.Fsync,
        RingOp.SyncFileRange => IoUringOp.SyncFileRange,
        RingOp.Poll => IoUringOp.PollAdd,
        RingOp.OpenAt => IoUringOp.OpenAt,
        RingOp.Close => IoUringOp.Close,
        RingOp.Statx => IoUringOp.Statx,
        RingOp.Fallocate => IoUringOp.Fallocate,
        RingOp.Fadvise => IoUringOp.Fadvise,
        RingOp.Send => IoUringOp.Send,
        RingOp.Recv => IoUringOp.Recv,
        RingOp.SendMsg => IoUringOp.SendMsg,
        RingOp.RecvMsg => IoUringOp.RecvMsg,
        RingOp.Accept => IoUringOp.Accept,
        RingOp.Connect => IoUringOp.Connect,
        RingOp.Shutdown => IoUringOp.Shutdown,
        RingOp.RenameAt => IoUringOp.RenameAt,
        RingOp.UnlinkAt => IoUringOp.UnlinkAt,
        RingOp.MkdirAt => IoUringOp.MkdirAt,
        RingOp.Splice => IoUringOp.Splice,
        RingOp.Timeout => IoUringOp.Timeout,
        _ => null,
    };

    private static void Prepare(IoUringSqe* sqe, Operation operation)
    {
        ref readonly RingRequest request = ref operation.Request;
        sqe->Opcode = (byte)OpcodeFor(request.Op)!.Value;
        sqe->UserData = operation.Id;
        sqe->Fd = operation.Fd;
        switch (request.Op)
        {
            case RingOp.Nop:
                sqe->Fd = -1;
                break;
            case RingOp.Read:
            case RingOp.Write:
                sqe->Addr = (ulong)operation.BufferPointer;
                sqe->Len = (uint)request.Buffer.Length;
                sqe->Off = (ulong)request.Offset; // -1: the file position (IORING_FEAT_RW_CUR_POS)
                break;
            case RingOp.ReadV:
            case RingOp.WriteV:
                sqe->Addr = (ulong)operation.Iov;
                sqe->Len = (uint)operation.IovCount;
                sqe->Off = (ulong)request.Offset;
                break;
            case RingOp.Fsync:
                break;
            case RingOp.Fdatasync:
                sqe->OpFlags = IoUringConstants.FsyncDatasync;
                break;
            case RingOp.SyncFileRange:
                sqe->Off = (ulong)request.Offset;
                sqe->Len = (uint)request.Length;
                sqe->OpFlags = request.Flags;
                break;
            case RingOp.Poll:
                sqe->OpFlags = request.Flags; // poll32_events
                break;
            case RingOp.OpenAt:
                sqe->Addr = (ulong)operation.Path;
                sqe->Len = request.Mode;
                sqe->OpFlags = request.Flags;
                break;
            case RingOp.Close:
                break;
            case RingOp.Statx:
                sqe->Addr = (ulong)operation.Path;
                sqe->Len = request.Mode; // the STATX_* mask
                sqe->Off = (ulong)operation.BufferPointer;
                sqe->OpFlags = request.Flags;
                break;
            case RingOp.Fallocate:
                sqe->Off = (ulong)request.Offset;
                sqe->Addr = (ulong)request.Length;
                sqe->Len = request.Mode;
                break;
            case RingOp.Fadvise:
                sqe->Off = (ulong)request.Offset;
                sqe->Len = (uint)request.Length;
                sqe->OpFlags = request.Flags;
                break;
            case RingOp.Send:
            case RingOp.Recv:
                sqe->Addr = (ulong)operation.BufferPointer;
                sqe->Len = (uint)request.Buffer.Length;
                sqe->OpFlags = request.Flags;
                break;
            case RingOp.SendMsg:
            case RingOp.RecvMsg:
                sqe->Addr = (ulong)request.Pointer;
                sqe->Len = 1;
                sqe->OpFlags = request.Flags;
                break;
            case RingOp.Accept:
                if (!request.Buffer.IsEmpty)
                {
                    uint* length = (uint*)(operation.Scratch + Operation.AddressLengthOffset);
                    *length = (uint)request.Buffer.Length;
                    sqe->Addr = (ulong)operation.BufferPointer;
                    sqe->Off = (ulong)length;
                }

                sqe->OpFlags = request.Flags;
                break;
            case RingOp.Connect:
                sqe->Addr = (ulong)operation.BufferPointer;
                sqe->Off = (ulong)request.Buffer.Length;
                break;
            case RingOp.Shutdown:
                sqe->Len = request.Flags;
                break;
            case RingOp.RenameAt:
                sqe->Addr = (ulong)operation.Path;
                sqe->Len = (uint)request.Fd2;
                sqe->Off = (ulong)operation.Path2;
                sqe->OpFlags = request.Flags;
                break;
            case RingOp.UnlinkAt:
                sqe->Addr = (ulong)operation.Path;
                sqe->OpFlags = request.Flags;
                break;
            case RingOp.MkdirAt:
                sqe->Addr = (ulong)operation.Path;
                sqe->Len = request.Mode;
                break;
            case RingOp.Splice:
                sqe->SpliceFdIn = request.Fd;
                sqe->Addr = (ulong)request.Offset; // splice_off_in; -1 means none (pipes)
                sqe->Fd = request.Fd2;
                sqe->Off = (ulong)request.Offset2;
                sqe->Len = (uint)request.Length;
                sqe->OpFlags = request.Flags;
                break;
            case RingOp.Timeout:
                KernelTimespec* timespec = (KernelTimespec*)(operation.Scratch + Operation.TimerTimespecOffset);
                SetTimespec(timespec, request.Length);
                sqe->Fd = -1;
                sqe->Addr = (ulong)timespec;
                sqe->Len = 1;
                sqe->Off = 0; // no completion count: a pure timer
                break;
        }
    }
}
