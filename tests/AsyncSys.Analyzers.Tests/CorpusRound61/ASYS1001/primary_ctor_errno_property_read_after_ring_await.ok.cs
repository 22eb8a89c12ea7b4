// The lock file guard reads `LastError` right after flock fails, before the ring fsync's await, and decides afterwards.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.PrimaryCtorErrnoPropertyOk;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fd, int operation);
}

internal sealed class LockFileGuard(IoRing ring, int lockFd)
{
    private const int LockExclusiveNonBlocking = 2 | 4;

    private static int LastError => Marshal.GetLastPInvokeError();

    public async Task<bool> TryLockAsync(CancellationToken ct)
    {
        int rc = Native.Flock(lockFd, LockExclusiveNonBlocking);
        int errno = rc == 0 ? 0 : LastError;
        await ring.FsyncAsync(lockFd, ct).ConfigureAwait(false);
        if (rc == 0)
        {
            return true;
        }

        if (errno == 11)
        {
            return false;
        }

        throw new ErrnoException(errno, "flock", "lock file");
    }
}
