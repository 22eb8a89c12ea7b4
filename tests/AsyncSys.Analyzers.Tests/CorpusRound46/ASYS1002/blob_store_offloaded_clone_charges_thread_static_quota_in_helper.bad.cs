// A blob store's offloaded copy_file_range wrapper charges the caller's I/O quota through a helper that reads a [ThreadStatic] slot: the wrapper runs on a blocking-call worker, whose slot is not the caller's.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using System.Runtime.InteropServices;

namespace Corpus46.BlobQuotaBad;

internal sealed class IoQuota(long bytes)
{
    public long Remaining = bytes;
}

internal static class QuotaScope
{
    [ThreadStatic]
    internal static IoQuota? t_quota;

    internal static void Charge(long bytes)
    {
        IoQuota? quota = t_quota;
        if (quota is null)
        {
            return;
        }

        quota.Remaining -= bytes;
        if (quota.Remaining < 0)
        {
            throw new InvalidOperationException("I/O quota exceeded");
        }
    }
}

internal static unsafe partial class BlobNative
{
    [LibraryImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    private static partial nint CopyFileRange(int fdIn, long* offIn, int fdOut, long* offOut, nuint length, uint flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static nint CloneRange(int source, long sourceOffset, int target, long targetOffset, nuint length)
    {
        /*~ASYS1002*/QuotaScope.Charge((long)length);
        return CopyFileRange(source, &sourceOffset, target, &targetOffset, length, 0);
    }
}

internal sealed class BlobStore
{
    // The request pipeline enters the tenant's quota into QuotaScope.t_quota on the request's thread before this runs.
    public Task<nint> CloneAsync(int source, int target, long length, CancellationToken ct) =>
        BlobNative.CloneRangeAsync(source, 0, target, 0, (nuint)length, ct).AsTask();
}
