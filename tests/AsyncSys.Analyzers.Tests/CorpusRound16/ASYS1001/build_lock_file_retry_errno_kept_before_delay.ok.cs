// The same lock loop takes errno right after the failed open, decides, and only then waits before retrying.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Round16.Errno.LockFileRetryKeptBeforeDelay;

internal static class Native
{
    internal const int O_CREAT = 0x40, O_EXCL = 0x80, O_WRONLY = 0x1, EEXIST = 17;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static extern int Open(string path, int flags, int mode);
}

public static class BuildLock
{
    public static async Task<int> AcquireAsync(string lockPath, CancellationToken ct)
    {
        while (true)
        {
            int fd = Native.Open(lockPath, Native.O_CREAT | Native.O_EXCL | Native.O_WRONLY, 420);
            if (fd >= 0)
            {
                return fd;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != Native.EEXIST)
            {
                throw new IOException("cannot create lock file " + lockPath + ", errno " + errno);
            }

            await Task.Delay(100, ct);
        }
    }
}
