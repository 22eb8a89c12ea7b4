using System.Runtime.InteropServices;

namespace AsyncSys.Interop;

// Mirrors of linux/aio_abi.h (iocb, io_event; asserted against the header in InteropLayoutTests) and of
// struct aio_ring from fs/aio.c, which is not in the uapi headers but is ABI all the same: libaio and fio
// reap completions from it in user space.

/// <summary>struct iocb: one Linux AIO request (64 bytes). Little-endian layout (aio_key before aio_rw_flags).</summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
internal struct Iocb
{
    /// <summary>aio_data: returned in io_event.data; we store the operation id.</summary>
    [FieldOffset(0)] public ulong Data;
    /// <summary>aio_key: the kernel writes KIOCB_KEY (0) here at submission; io_cancel checks it.</summary>
    [FieldOffset(8)] public uint Key;
    /// <summary>aio_rw_flags: RWF_* for reads and writes; must be 0 for fsync and poll.</summary>
    [FieldOffset(12)] public int RwFlags;
    [FieldOffset(16)] public ushort Opcode;
    [FieldOffset(18)] public short ReqPrio;
    [FieldOffset(20)] public uint Fd;
    /// <summary>aio_buf: buffer address, iovec array address, or the poll event mask.</summary>
    [FieldOffset(24)] public ulong Buf;
    /// <summary>aio_nbytes: byte count, or iovec count for the vectored commands.</summary>
    [FieldOffset(32)] public ulong NBytes;
    [FieldOffset(40)] public long Offset;
    [FieldOffset(48)] public ulong Reserved2;
    [FieldOffset(56)] public uint Flags;
    [FieldOffset(60)] public uint ResFd;
}

/// <summary>struct io_event: one completion (32 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IoEvent
{
    /// <summary>The iocb's aio_data.</summary>
    public ulong Data;
    /// <summary>The user address of the iocb.</summary>
    public ulong Obj;
    /// <summary>The result: bytes transferred, poll mask, 0, or -errno.</summary>
    public long Res;
    public long Res2;
}

/// <summary>
/// struct aio_ring (fs/aio.c): the header of the completion ring the kernel maps at the aio_context_t address.
/// The kernel writes events and tail; whoever reaps writes head.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct AioRingHeader
{
    public uint Id;
    /// <summary>Number of io_event slots; head and tail are indexes in [0, nr).</summary>
    public uint Nr;
    public uint Head;
    public uint Tail;
    public uint Magic;
    public uint CompatFeatures;
    public uint IncompatFeatures;
    /// <summary>sizeof(struct aio_ring): where the io_events start.</summary>
    public uint HeaderLength;
}

/// <summary>struct __aio_sigset: io_pgetevents' signal mask argument.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct AioSigset
{
    public void* SigMask;
    public nuint SigSetSize;
}

/// <summary>Constants of linux/aio_abi.h, linux/fs.h and fs/aio.c.</summary>
internal static class AioConstants
{
    internal const ushort CmdPread = 0;
    internal const ushort CmdPwrite = 1;
    internal const ushort CmdFsync = 2;
    internal const ushort CmdFdsync = 3;
    internal const ushort CmdPoll = 5;
    internal const ushort CmdPreadv = 7;
    internal const ushort CmdPwritev = 8;

    /// <summary>RWF_NOWAIT (linux/fs.h): fail with EAGAIN instead of blocking.</summary>
    internal const int RwfNowait = 0x8;

    /// <summary>AIO_RING_MAGIC (fs/aio.c).</summary>
    internal const uint RingMagic = 0xa10a10a1;

    /// <summary>AIO_RING_INCOMPAT_FEATURES: the ring layout we understand has none.</summary>
    internal const uint RingIncompatFeatures = 0;

    /// <summary>The kernel's sigset_t is 64 bits on x86-64 and arm64 (_NSIG / 8).</summary>
    internal const int KernelSigsetSize = 8;
}
