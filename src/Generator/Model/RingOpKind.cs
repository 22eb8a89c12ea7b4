namespace AsyncSys.Generator.Model;

/// <summary>
/// A mirror of <c>AsyncSys.RingOp</c> (same names, same values): the generator cannot reference the
/// runtime assembly, and reads the attribute's argument as this enum. A test keeps the two in step.
/// </summary>
internal enum RingOpKind
{
    Auto = 0,
    None,
    Nop,
    Read,
    Write,
    ReadV,
    WriteV,
    Fsync,
    Fdatasync,
    SyncFileRange,
    Poll,
    OpenAt,
    Close,
    Statx,
    Fallocate,
    Fadvise,
    Send,
    Recv,
    SendMsg,
    RecvMsg,
    Accept,
    Connect,
    Shutdown,
    RenameAt,
    UnlinkAt,
    MkdirAt,
    Splice,
    Timeout,
    Ftruncate,
}
