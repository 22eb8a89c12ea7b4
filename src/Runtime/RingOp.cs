namespace AsyncSys;

/// <summary>
/// An operation that an <see cref="IoRing"/> can run. Each value names the syscall the operation performs;
/// a backend puts it on the kernel ring when the kernel has a native opcode for it and on a blocking-call
/// worker otherwise.
/// </summary>
public enum RingOp
{
    /// <summary>Infer the operation from the wrapper's entry point (attribute use only).</summary>
    Auto = 0,
    /// <summary>No ring operation: always run the call on a blocking-call worker.</summary>
    None,
    /// <summary>Does nothing; completes with 0. Measures the ring itself.</summary>
    Nop,
    /// <summary>read/pread: read into one buffer.</summary>
    Read,
    /// <summary>write/pwrite: write one buffer.</summary>
    Write,
    /// <summary>readv/preadv: read into a list of buffers.</summary>
    ReadV,
    /// <summary>writev/pwritev: write a list of buffers.</summary>
    WriteV,
    /// <summary>fsync.</summary>
    Fsync,
    /// <summary>fdatasync.</summary>
    Fdatasync,
    /// <summary>sync_file_range.</summary>
    SyncFileRange,
    /// <summary>poll on one descriptor, one-shot.</summary>
    Poll,
    /// <summary>openat (and open, relative to the current directory).</summary>
    OpenAt,
    /// <summary>close.</summary>
    Close,
    /// <summary>statx.</summary>
    Statx,
    /// <summary>fallocate.</summary>
    Fallocate,
    /// <summary>posix_fadvise.</summary>
    Fadvise,
    /// <summary>send/sendto.</summary>
    Send,
    /// <summary>recv/recvfrom.</summary>
    Recv,
    /// <summary>sendmsg.</summary>
    SendMsg,
    /// <summary>recvmsg.</summary>
    RecvMsg,
    /// <summary>accept/accept4.</summary>
    Accept,
    /// <summary>connect.</summary>
    Connect,
    /// <summary>shutdown.</summary>
    Shutdown,
    /// <summary>renameat/renameat2.</summary>
    RenameAt,
    /// <summary>unlinkat.</summary>
    UnlinkAt,
    /// <summary>mkdirat.</summary>
    MkdirAt,
    /// <summary>splice.</summary>
    Splice,
    /// <summary>A timer: completes after a duration.</summary>
    Timeout,
    /// <summary>ftruncate: sets a file's length.</summary>
    Ftruncate,
}
