using System;
using AsyncSys.Interop;
using AsyncSys.Operations;
using AsyncSys.Shared;

namespace AsyncSys.Backends.IoUring;

/// <summary>Filling one SQE from an operation: the field each opcode reads is as in liburing's io_uring_prep_* helpers.</summary>
internal sealed unsafe partial class IoUringBackend
{
    private static IoUringOp OpcodeFor(RingOp op) => (IoUringOp)RingOperations.Of(op).IoUringOpcode;

    private static void Prepare(IoUringSqe* sqe, Operation operation)
    {
        ref readonly RingRequest request = ref operation.Request;
        sqe->Opcode = (byte)OpcodeFor(request.Op);
        sqe->UserData = operation.Id;
        sqe->Fd = operation.Fd;

        // No default arm: a new RingOp without its preparation is a compile error (CS8509).
        delegate*<IoUringSqe*, Operation, void> prepare = request.Op switch
        {
            RingOp.Nop => &PrepareNop,
            RingOp.Read or RingOp.Write => &PrepareReadWrite,
            RingOp.ReadV or RingOp.WriteV => &PrepareVectored,
            RingOp.Fsync => &PrepareFsync,
            RingOp.Fdatasync => &PrepareFdatasync,
            RingOp.SyncFileRange => &PrepareSyncFileRange,
            RingOp.Poll => &PreparePoll,
            RingOp.OpenAt => &PrepareOpenAt,
            RingOp.Close => &PrepareClose,
            RingOp.Statx => &PrepareStatx,
            RingOp.Fallocate => &PrepareFallocate,
            RingOp.Fadvise => &PrepareFadvise,
            RingOp.Send or RingOp.Recv => &PrepareSendRecv,
            RingOp.SendMsg or RingOp.RecvMsg => &PrepareMessage,
            RingOp.Accept => &PrepareAccept,
            RingOp.Connect => &PrepareConnect,
            RingOp.Shutdown => &PrepareShutdown,
            RingOp.RenameAt => &PrepareRenameAt,
            RingOp.UnlinkAt => &PrepareUnlinkAt,
            RingOp.MkdirAt => &PrepareMkdirAt,
            RingOp.Splice => &PrepareSplice,
            RingOp.Timeout => &PrepareTimeout,
            RingOp.Ftruncate => &PrepareFtruncate,
            RingOp.Auto or RingOp.None => throw new InvalidOperationException("An attribute marker reached the ring; IoRing.ValidateRequest rejects it."),
        };
        prepare(sqe, operation);
    }

    // Each preparation sets the SQE fields its opcode reads, as liburing's io_uring_prep_* helper of that name does.

    private static void PrepareNop(IoUringSqe* sqe, Operation operation) => sqe->Fd = -1;

    private static void PrepareReadWrite(IoUringSqe* sqe, Operation operation)
    {
        sqe->Addr = (ulong)operation.BufferPointer;
        sqe->Len = (uint)operation.Request.Buffer.Length;
        sqe->Off = (ulong)operation.Request.Offset; // -1: the file position (IORING_FEAT_RW_CUR_POS)
    }

    private static void PrepareVectored(IoUringSqe* sqe, Operation operation)
    {
        sqe->Addr = (ulong)operation.Iov;
        sqe->Len = (uint)operation.IovCount;
        sqe->Off = (ulong)operation.Request.Offset;
    }

    private static void PrepareFsync(IoUringSqe* sqe, Operation operation)
    {
    }

    private static void PrepareFdatasync(IoUringSqe* sqe, Operation operation) => sqe->OpFlags = IoUringConstants.FsyncDatasync;

    private static void PrepareSyncFileRange(IoUringSqe* sqe, Operation operation)
    {
        ref readonly RingRequest request = ref operation.Request;
        sqe->Off = (ulong)request.Offset;
        sqe->Len = (uint)request.Length;
        sqe->OpFlags = request.Flags;
    }

    private static void PreparePoll(IoUringSqe* sqe, Operation operation) => sqe->OpFlags = operation.Request.Flags; // poll32_events

    private static void PrepareOpenAt(IoUringSqe* sqe, Operation operation)
    {
        sqe->Addr = (ulong)operation.Path;
        sqe->Len = operation.Request.Mode;
        sqe->OpFlags = operation.Request.Flags;
    }

    private static void PrepareClose(IoUringSqe* sqe, Operation operation)
    {
    }

    private static void PrepareStatx(IoUringSqe* sqe, Operation operation)
    {
        sqe->Addr = (ulong)operation.Path;
        sqe->Len = operation.Request.Mode; // the STATX_* mask
        sqe->Off = (ulong)operation.BufferPointer;
        sqe->OpFlags = operation.Request.Flags;
    }

    private static void PrepareFallocate(IoUringSqe* sqe, Operation operation)
    {
        ref readonly RingRequest request = ref operation.Request;
        sqe->Off = (ulong)request.Offset;
        sqe->Addr = (ulong)request.Length;
        sqe->Len = request.Mode;
    }

    private static void PrepareFadvise(IoUringSqe* sqe, Operation operation)
    {
        ref readonly RingRequest request = ref operation.Request;
        sqe->Off = (ulong)request.Offset;
        sqe->Len = (uint)request.Length;
        sqe->OpFlags = request.Flags;
    }

    private static void PrepareSendRecv(IoUringSqe* sqe, Operation operation)
    {
        sqe->Addr = (ulong)operation.BufferPointer;
        sqe->Len = (uint)operation.Request.Buffer.Length;
        sqe->OpFlags = operation.Request.Flags;
    }

    private static void PrepareMessage(IoUringSqe* sqe, Operation operation)
    {
        sqe->Addr = (ulong)operation.Request.Pointer;
        sqe->Len = 1;
        sqe->OpFlags = operation.Request.Flags;
    }

    private static void PrepareAccept(IoUringSqe* sqe, Operation operation)
    {
        // io_accept_prep reads the sockaddr* from addr and the socklen_t* from addr2 (the union that holds off).
        ref readonly RingRequest request = ref operation.Request;
        if (!request.Buffer.IsEmpty)
        {
            // A pinned managed buffer: its length goes in a slot of our own, and the length the kernel writes back stays there.
            uint* length = &operation.BackendScratch<IoUringOperationScratch>()->AddressLength;
            *length = (uint)request.Buffer.Length;
            sqe->Addr = (ulong)operation.BufferPointer;
            sqe->Off = (ulong)length;
        }
        else
        {
            // The caller's own sockaddr* and socklen_t* (RingRequest.Accept(fd, nint, nint, flags)), or 0 and 0: no address.
            sqe->Addr = (ulong)request.Pointer;
            sqe->Off = (ulong)request.LengthPointer;
        }

        sqe->OpFlags = request.Flags;
    }

    private static void PrepareConnect(IoUringSqe* sqe, Operation operation)
    {
        sqe->Addr = (ulong)operation.BufferPointer;
        sqe->Off = (ulong)operation.Request.Buffer.Length;
    }

    private static void PrepareShutdown(IoUringSqe* sqe, Operation operation) => sqe->Len = operation.Request.Flags;

    private static void PrepareRenameAt(IoUringSqe* sqe, Operation operation)
    {
        sqe->Addr = (ulong)operation.Path;
        sqe->Len = (uint)operation.Request.Fd2;
        sqe->Off = (ulong)operation.Path2;
        sqe->OpFlags = operation.Request.Flags;
    }

    private static void PrepareUnlinkAt(IoUringSqe* sqe, Operation operation)
    {
        sqe->Addr = (ulong)operation.Path;
        sqe->OpFlags = operation.Request.Flags;
    }

    private static void PrepareMkdirAt(IoUringSqe* sqe, Operation operation)
    {
        sqe->Addr = (ulong)operation.Path;
        sqe->Len = operation.Request.Mode;
    }

    private static void PrepareSplice(IoUringSqe* sqe, Operation operation)
    {
        ref readonly RingRequest request = ref operation.Request;
        sqe->SpliceFdIn = request.Fd;
        sqe->Addr = (ulong)request.Offset; // splice_off_in; -1 means none (pipes)
        sqe->Fd = request.Fd2;
        sqe->Off = (ulong)request.Offset2;
        sqe->Len = (uint)request.Length;
        sqe->OpFlags = request.Flags;
    }

    private static void PrepareFtruncate(IoUringSqe* sqe, Operation operation) => sqe->Off = (ulong)operation.Request.Length; // the new length

    private static void PrepareTimeout(IoUringSqe* sqe, Operation operation)
    {
        KernelTimespec* timespec = &operation.BackendScratch<IoUringOperationScratch>()->Timer;
        SetTimespec(timespec, operation.Request.Length);
        sqe->Fd = -1;
        sqe->Addr = (ulong)timespec;
        sqe->Len = 1;
        sqe->Off = 0; // no completion count: a pure timer
    }
}
