// The recovery preallocation made right: errno is taken right after fallocate fails, before the awaited directory
// fsync moves the method to another thread, and the exception carries the saved value.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.Errno.RecoveryFallocateSaved;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    internal static extern int Fallocate(int fd, int mode, long offset, long length);
}

public sealed class LogRecovery(IoRing ring, int directoryFd)
{
    public async Task PreallocateAsync(int logFd, long bytes, CancellationToken ct)
    {
        if (Native.Fallocate(logFd, 0, 0, bytes) == 0)
        {
            return;
        }

        int errno = Marshal.GetLastPInvokeError();
        await ring.FsyncAsync(directoryFd, ct);
        throw new ErrnoException(errno, "fallocate", "recovery log preallocation");
    }
}
