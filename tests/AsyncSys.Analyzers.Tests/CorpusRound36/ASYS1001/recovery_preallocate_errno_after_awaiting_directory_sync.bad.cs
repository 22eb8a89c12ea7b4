// On startup, recovery preallocates the replacement log with fallocate; when that fails it first makes the directory
// entry durable (awaiting an fsync of the directory on the ring) and then builds the exception from errno. After the
// await the method runs on another thread, whose errno is unrelated: ENOSPC is reported as something else (or 0), and
// the operator is told the wrong reason why the database did not come up.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.Errno.RecoveryFallocateAfterAwait;

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

        await ring.FsyncAsync(directoryFd, ct);
        throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "fallocate", "recovery log preallocation");
    }
}
