// Shared source, compiled into AsyncSys.Generator and AsyncSys.Analyzers (both netstandard2.0).

namespace AsyncSys.Shared;

/// <summary>
/// The libc entry points that [AsyncSyscall] puts on a kernel ring (absent an explicit RingOp); any other
/// wrapper runs on a blocking-call worker. One list for the generator, which maps each to a ring operation
/// (KnownSyscalls, pinned to this list by a test), and the analyzers, whose worker-thread rules need to know
/// which wrappers are offloaded. sendto and recvfrom are not here: the ring's send and recv have no place
/// for their address, so they run on workers.
/// </summary>
internal static class RingEntryPoints
{
    internal static readonly string[] Names =
    {
        "accept", "accept4", "close", "connect", "fallocate", "fallocate64", "fdatasync", "fsync", "ftruncate", "ftruncate64", "mkdirat",
        "open", "open64", "openat", "openat64", "poll", "posix_fadvise", "posix_fadvise64", "pread", "pread64",
        "preadv", "preadv2", "preadv64", "preadv64v2", "pwrite", "pwrite64", "pwritev", "pwritev2", "pwritev64",
        "pwritev64v2", "read", "readv", "recv", "recvmsg", "renameat", "renameat2", "send", "sendmsg", "shutdown",
        "splice", "statx", "sync_file_range", "unlinkat", "write", "writev",
    };
}
