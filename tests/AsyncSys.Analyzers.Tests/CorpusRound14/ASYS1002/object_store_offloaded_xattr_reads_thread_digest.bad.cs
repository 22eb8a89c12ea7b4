// A content-addressed object store hashes each loose object and stamps the digest into a user.* xattr so that a later
// sync can skip rehashing unchanged files. The digest is left in "this thread's" scratch (a ThreadLocal behind the
// DigestScratch.Current property) by StoreAsync, and the offloaded wrapper StampDigest (an ordinary method outside the
// table, RingOp.None) reads it back. The wrapper runs on an AsyncSys worker, whose scratch is another (all zeros, or
// the digest of whatever that worker hashed): objects are stamped with wrong digests and the next sync trusts them.
using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.PerThread.ObjectStoreThreadDigest;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fsetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int FSetXattr(int fd, string name, byte[] value, nuint size, int flags);
}

internal sealed class DigestScratch
{
    private static readonly ThreadLocal<DigestScratch> s_current = new(() => new DigestScratch());

    public static DigestScratch Current => s_current.Value!;

    public byte[] LastDigest { get; } = new byte[32];
}

public static partial class ObjectStore
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int StampDigest(int objectFd)
    {
        byte[] digest = /*~ASYS1002*/DigestScratch.Current.LastDigest;
        return Native.FSetXattr(objectFd, "user.sync.sha256", digest, (nuint)digest.Length, 0);
    }

    public static async Task StoreAsync(int objectFd, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        SHA256.HashData(content.Span, DigestScratch.Current.LastDigest);
        await StampDigestAsync(objectFd, ct);
    }
}
