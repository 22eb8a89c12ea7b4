// A build tool serializes concurrent builds of one output folder with a lock file made by open(O_CREAT|O_EXCL). When the
// open fails it waits a little and only then asks errno whether the file already existed (another build holds it) or
// something else went wrong. After the await the loop may run on another thread whose saved error is unrelated: a
// permission error is retried forever, or a held lock is reported as a hard failure.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Round16.Errno.LockFileRetryAfterDelay;

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

            await Task.Delay(100, ct);
            if (/*~ASYS1001*/Marshal.GetLastPInvokeError() != Native.EEXIST)
            {
                throw new IOException("cannot create lock file " + lockPath);
            }
        }
    }
}
