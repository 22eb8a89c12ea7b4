// The same object store with the digest computed into a fresh array by the caller and passed to the offloaded
// wrapper as an argument: the worker stamps exactly the bytes this call hashed and reads no per-thread state.
using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.PerThread.ObjectStoreDigestArgument;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fsetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int FSetXattr(int fd, string name, byte[] value, nuint size, int flags);
}

public static partial class ObjectStore
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int StampDigest(int objectFd, byte[] digest)
    {
        return Native.FSetXattr(objectFd, "user.sync.sha256", digest, (nuint)digest.Length, 0);
    }

    public static async Task StoreAsync(int objectFd, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        byte[] digest = SHA256.HashData(content.Span);
        await StampDigestAsync(objectFd, digest, ct);
    }
}
