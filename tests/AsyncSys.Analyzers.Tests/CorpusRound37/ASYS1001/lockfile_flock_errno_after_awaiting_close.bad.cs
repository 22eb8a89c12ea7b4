// A build's lock file is taken with flock(LOCK_EX|LOCK_NB); when that fails the descriptor is closed on the ring (awaited)
// and only then is errno compared with EWOULDBLOCK. After the await the method runs on another thread whose errno is
// unrelated: a held lock is reported as an I/O error and the second build fails instead of waiting.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.Errno.LockFileFlockAfterClose;

internal static class Native
{
    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static extern int Flock(int fd, int operation);
}

public sealed class BuildLock(IoRing ring)
{
    private const int LockExclusiveNonBlocking = 2 | 4;
    private const int EWouldBlock = 11;

    public async Task<bool> TryTakeAsync(int lockFd, CancellationToken ct)
    {
        if (Native.Flock(lockFd, LockExclusiveNonBlocking) == 0)
        {
            return true;
        }

        await ring.CloseAsync(lockFd, ct);
        if (/*~ASYS1001*/Marshal.GetLastPInvokeError() == EWouldBlock)
        {
            return false;
        }

        throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "flock", "build lock");
    }
}
