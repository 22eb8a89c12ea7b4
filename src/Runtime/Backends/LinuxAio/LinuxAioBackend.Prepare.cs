using AsyncSys.Interop;
using AsyncSys.Operations;
using AsyncSys.Shared;

namespace AsyncSys.Backends.LinuxAio;

/// <summary>
/// The operations Linux AIO runs, and how each fills its <c>struct iocb</c>. This table is the whole answer to
/// "is it native on AIO": an operation without a row runs on workers, so a new operation needs nothing here.
/// </summary>
internal sealed unsafe partial class LinuxAioBackend
{
    /// <summary>Indexed by <see cref="RingOperations.IndexOf"/>; null for every operation AIO does not run.</summary>
    private static readonly delegate*<Iocb*, Operation, void>[] Preparations = BuildPreparations();

    private static delegate*<Iocb*, Operation, void>[] BuildPreparations()
    {
        var preparations = new delegate*<Iocb*, Operation, void>[RingOperations.Count];
        preparations[RingOperations.IndexOf(RingOp.Read)] = &PrepareRead;
        preparations[RingOperations.IndexOf(RingOp.Write)] = &PrepareWrite;
        preparations[RingOperations.IndexOf(RingOp.ReadV)] = &PrepareReadV;
        preparations[RingOperations.IndexOf(RingOp.WriteV)] = &PrepareWriteV;
        preparations[RingOperations.IndexOf(RingOp.Fsync)] = &PrepareFsync;
        preparations[RingOperations.IndexOf(RingOp.Fdatasync)] = &PrepareFdatasync;
        preparations[RingOperations.IndexOf(RingOp.Poll)] = &PreparePoll; // only where IOCB_CMD_POLL works (probed at setup)
        return preparations;
    }

    // Each preparation sets the fields its command reads (linux/aio_abi.h); Submit has set aio_data and aio_fildes.

    private static void PrepareRead(Iocb* iocb, Operation operation) => PrepareBuffer(iocb, operation, AioConstants.CmdPread);

    private static void PrepareWrite(Iocb* iocb, Operation operation) => PrepareBuffer(iocb, operation, AioConstants.CmdPwrite);

    private static void PrepareReadV(Iocb* iocb, Operation operation) => PrepareVector(iocb, operation, AioConstants.CmdPreadv);

    private static void PrepareWriteV(Iocb* iocb, Operation operation) => PrepareVector(iocb, operation, AioConstants.CmdPwritev);

    private static void PrepareBuffer(Iocb* iocb, Operation operation, ushort command)
    {
        ref readonly RingRequest request = ref operation.Request;
        iocb->Opcode = command;
        iocb->Buf = (ulong)operation.BufferPointer;
        iocb->NBytes = (ulong)request.Buffer.Length;
        iocb->Offset = request.Offset;
        iocb->RwFlags = RwFlagsFor(request);
    }

    private static void PrepareVector(Iocb* iocb, Operation operation, ushort command)
    {
        ref readonly RingRequest request = ref operation.Request;
        iocb->Opcode = command;
        iocb->Buf = (ulong)operation.Iov;
        iocb->NBytes = (ulong)operation.IovCount;
        iocb->Offset = request.Offset;
        iocb->RwFlags = RwFlagsFor(request);
    }

    /// <summary>
    /// Buffered I/O asks the kernel not to block (the kernel would otherwise do the copy, or wait for the disk,
    /// inside io_submit); O_DIRECT I/O is what AIO really runs asynchronously, so it goes as it is.
    /// </summary>
    private static int RwFlagsFor(in RingRequest request) =>
        request.Handle is DirectFileHandle ? 0 : AioConstants.RwfNowait;

    // buf, nbytes, offset and rw_flags must be 0 (else EINVAL).
    private static void PrepareFsync(Iocb* iocb, Operation operation) => iocb->Opcode = AioConstants.CmdFsync;

    private static void PrepareFdatasync(Iocb* iocb, Operation operation) => iocb->Opcode = AioConstants.CmdFdsync;

    // The event mask goes in aio_buf; the kernel rejects bits above 16.
    private static void PreparePoll(Iocb* iocb, Operation operation)
    {
        iocb->Opcode = AioConstants.CmdPoll;
        iocb->Buf = operation.Request.Flags;
    }
}
