namespace AsyncSys.Interop;

/// <summary>enum io_uring_op from linux/io_uring.h (values are positions in the enum).</summary>
internal enum IoUringOp : byte
{
    Nop = 0,
    ReadV = 1,
    WriteV = 2,
    Fsync = 3,
    ReadFixed = 4,
    WriteFixed = 5,
    PollAdd = 6,
    PollRemove = 7,
    SyncFileRange = 8,
    SendMsg = 9,
    RecvMsg = 10,
    Timeout = 11,
    TimeoutRemove = 12,
    Accept = 13,
    AsyncCancel = 14,
    LinkTimeout = 15,
    Connect = 16,
    Fallocate = 17,
    OpenAt = 18,
    Close = 19,
    FilesUpdate = 20,
    Statx = 21,
    Read = 22,
    Write = 23,
    Fadvise = 24,
    Madvise = 25,
    Send = 26,
    Recv = 27,
    OpenAt2 = 28,
    EpollCtl = 29,
    Splice = 30,
    ProvideBuffers = 31,
    RemoveBuffers = 32,
    Tee = 33,
    Shutdown = 34,
    RenameAt = 35,
    UnlinkAt = 36,
    MkdirAt = 37,
    SymlinkAt = 38,
    LinkAt = 39,
    MsgRing = 40,
    FSetXattr = 41,
    SetXattr = 42,
    FGetXattr = 43,
    GetXattr = 44,
    Socket = 45,
    UringCmd = 46,
    SendZc = 47,
    SendMsgZc = 48,

    // Newer than the oldest headers we build against (linux-libc-dev may stop at SENDMSG_ZC); values from the
    // kernel's include/uapi/linux/io_uring.h. The probe says whether the running kernel has each.
    Ftruncate = 55,
}

/// <summary>#defines from linux/io_uring.h that the backend uses.</summary>
internal static class IoUringConstants
{
    // io_uring_setup flags
    internal const uint SetupCqSize = 1u << 3;
    internal const uint SetupClamp = 1u << 4;
    internal const uint SetupRDisabled = 1u << 6;
    internal const uint SetupSubmitAll = 1u << 7;
    internal const uint SetupCoopTaskRun = 1u << 8;
    internal const uint SetupTaskRunFlag = 1u << 9;
    internal const uint SetupSingleIssuer = 1u << 12;
    internal const uint SetupDeferTaskRun = 1u << 13;

    // io_uring_params.features
    internal const uint FeatSingleMmap = 1u << 0;
    internal const uint FeatNoDrop = 1u << 1;
    internal const uint FeatSubmitStable = 1u << 2;
    internal const uint FeatPoll32Bits = 1u << 6;
    internal const uint FeatExtArg = 1u << 8;

    // io_uring_enter flags
    internal const uint EnterGetEvents = 1u << 0;
    internal const uint EnterExtArg = 1u << 3;
    internal const uint EnterRegisteredRing = 1u << 4;

    // io_uring_register opcodes
    internal const uint RegisterFiles = 2;
    internal const uint RegisterProbe = 8;
    internal const uint RegisterEnableRings = 12;
    internal const uint RegisterRingFds = 20;
    internal const uint UnregisterRingFds = 21;
    internal const ushort ProbeOpSupported = 1 << 0;

    // mmap offsets
    internal const long OffSqRing = 0;
    internal const long OffCqRing = 0x8000000;
    internal const long OffSqes = 0x10000000;

    // sqe->flags
    internal const byte SqeFixedFile = 1 << 0;
    internal const byte SqeIoLink = 1 << 2;
    internal const byte SqeAsync = 1 << 4;

    // sq_ring->flags
    internal const uint SqCqOverflow = 1u << 1;
    internal const uint SqTaskRun = 1u << 2;

    // fsync_flags
    internal const uint FsyncDatasync = 1u << 0;

    // cancel_flags
    internal const uint AsyncCancelAll = 1u << 0;
    internal const uint AsyncCancelFd = 1u << 1;
    internal const uint AsyncCancelAny = 1u << 2;
}
