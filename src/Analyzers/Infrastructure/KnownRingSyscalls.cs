using System.Collections.Immutable;

namespace AsyncSys.Analyzers;

/// <summary>
/// The libc entry points that the generator maps to a native ring opcode when a wrapper says
/// <c>[AsyncSyscall]</c> without an explicit <c>RingOp</c>. Every other wrapper is offloaded to a
/// blocking worker thread, which is what the concurrency rules care about.
/// </summary>
/// <remarks>Keep in step with the generator's table of known calls (src/Generator).</remarks>
internal static class KnownRingSyscalls
{
    public static readonly ImmutableHashSet<string> EntryPoints = ImmutableHashSet.Create(
        "read", "pread", "pread64", "write", "pwrite", "pwrite64",
        "readv", "preadv", "preadv2", "writev", "pwritev", "pwritev2",
        "fsync", "fdatasync", "sync_file_range", "poll",
        "open", "open64", "openat", "openat64", "close", "statx", "fallocate", "fallocate64", "posix_fadvise", "posix_fadvise64",
        "send", "sendto", "recv", "recvfrom", "sendmsg", "recvmsg", "accept", "accept4", "connect", "shutdown",
        "rename", "renameat", "renameat2", "unlink", "unlinkat", "mkdir", "mkdirat", "splice");
}
