// A lock file guard is a primary-constructor class; its `LastError` property reads the saved errno. TryLockAsync calls flock, then awaits a ring fsync of the lock file, and only then, on failure, builds the exception from `LastError`: after the await the code may run on another thread, whose saved error is not flock's.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.PrimaryCtorErrnoPropertyBad;

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
        await ring.FsyncAsync(lockFd, ct).ConfigureAwait(false);
        if (rc == 0)
        {
            return true;
        }

        int errno = /*~ASYS1001*/LastError;
        if (errno == 11)
        {
            return false;
        }

        throw new ErrnoException(errno, "flock", "lock file");
    }
}
