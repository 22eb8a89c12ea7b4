using System.Runtime.InteropServices;

namespace AsyncSys.Interop;

// Mirrors of linux/io_uring.h. Unions are flattened to the member we use; the offsets are asserted
// against the header in IoUringLayoutTests.

/// <summary>struct io_uring_sqe: one submission queue entry (64 bytes).</summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
internal struct IoUringSqe
{
    [FieldOffset(0)] public byte Opcode;
    [FieldOffset(1)] public byte Flags;
    [FieldOffset(2)] public ushort IoPrio;
    [FieldOffset(4)] public int Fd;
    /// <summary>off / addr2.</summary>
    [FieldOffset(8)] public ulong Off;
    /// <summary>addr / splice_off_in.</summary>
    [FieldOffset(16)] public ulong Addr;
    [FieldOffset(24)] public uint Len;
    /// <summary>rw_flags / fsync_flags / poll32_events / msg_flags / timeout_flags / open_flags / ... (one union).</summary>
    [FieldOffset(28)] public uint OpFlags;
    [FieldOffset(32)] public ulong UserData;
    /// <summary>buf_index / buf_group.</summary>
    [FieldOffset(40)] public ushort BufIndex;
    [FieldOffset(42)] public ushort Personality;
    /// <summary>splice_fd_in / file_index / addr_len.</summary>
    [FieldOffset(44)] public int SpliceFdIn;
    [FieldOffset(48)] public ulong Addr3;
    [FieldOffset(56)] public ulong Pad2;
}

/// <summary>struct io_uring_cqe: one completion queue entry (16 bytes, without CQE32).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IoUringCqe
{
    public ulong UserData;
    public int Res;
    public uint Flags;
}

/// <summary>struct io_sqring_offsets.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IoSqringOffsets
{
    public uint Head;
    public uint Tail;
    public uint RingMask;
    public uint RingEntries;
    public uint Flags;
    public uint Dropped;
    public uint Array;
    public uint Resv1;
    public ulong Resv2;
}

/// <summary>struct io_cqring_offsets.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IoCqringOffsets
{
    public uint Head;
    public uint Tail;
    public uint RingMask;
    public uint RingEntries;
    public uint Overflow;
    public uint Cqes;
    public uint Flags;
    public uint Resv1;
    public ulong Resv2;
}

/// <summary>struct io_uring_params: in/out argument of io_uring_setup (120 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoUringParams
{
    public uint SqEntries;
    public uint CqEntries;
    public uint Flags;
    public uint SqThreadCpu;
    public uint SqThreadIdle;
    public uint Features;
    public uint WqFd;
    public fixed uint Resv[3];
    public IoSqringOffsets SqOff;
    public IoCqringOffsets CqOff;
}

/// <summary>struct io_uring_probe_op (8 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IoUringProbeOp
{
    public byte Op;
    public byte Resv;
    public ushort Flags;
    public uint Resv2;
}

/// <summary>struct io_uring_probe header (16 bytes), followed by ops_len io_uring_probe_op entries.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoUringProbe
{
    public byte LastOp;
    public byte OpsLen;
    public ushort Resv;
    public fixed uint Resv2[3];
}

/// <summary>struct io_uring_rsrc_update: one entry of IORING_REGISTER_RING_FDS (16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IoUringRsrcUpdate
{
    /// <summary>The registered index; -1 (as unsigned) asks the kernel to pick one and write it back.</summary>
    public uint Offset;
    public uint Resv;
    /// <summary>The descriptor to register.</summary>
    public ulong Data;
}

/// <summary>
/// struct io_uring_getevents_arg: io_uring_enter's argument with IORING_ENTER_EXT_ARG (24 bytes). The word after
/// sigmask_sz is pad in older headers and min_wait_usec in newer ones; we leave it 0 (no minimum wait).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IoUringGeteventsArg
{
    public ulong Sigmask;
    public uint SigmaskSz;
    public uint Pad;
    /// <summary>Address of a <see cref="KernelTimespec"/>: the longest wait (relative).</summary>
    public ulong Ts;
}

/// <summary>struct __kernel_timespec (linux/time_types.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct KernelTimespec
{
    public long TvSec;
    public long TvNsec;
}

/// <summary>struct iovec.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVec
{
    public void* Base;
    public nuint Length;
}

/// <summary>struct pollfd.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short REvents;
}
