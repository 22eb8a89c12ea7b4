// The same lock file, errno saved on the line after the failed flock, before the descriptor is closed on the ring.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.Errno.LockFileFlockSaved;

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

        int errno = Marshal.GetLastPInvokeError();
        await ring.CloseAsync(lockFd, ct);
        if (errno == EWouldBlock)
        {
            return false;
        }

        throw new ErrnoException(errno, "flock", "build lock");
    }
}
