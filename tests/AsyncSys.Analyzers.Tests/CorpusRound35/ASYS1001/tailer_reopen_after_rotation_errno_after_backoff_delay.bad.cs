// After a rename rotation the tailer reopens the log path; the new file may not exist yet, so when open fails it waits
// a backoff delay and then reads errno to decide whether to retry (ENOENT) or give up. After the await the method runs
// on another pool thread whose errno is whatever that thread did last: a permission error is retried forever, or a
// not-yet-created file is abandoned.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Round35.Errno.ReopenAfterBackoff;

internal static class Native
{
    internal const int O_RDONLY = 0, O_CLOEXEC = 0x80000, ENOENT = 2;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static extern int Open(string path, int flags);
}

public sealed class RotatingFileReopener(string path)
{
    public async Task<int> ReopenAsync(CancellationToken ct)
    {
        TimeSpan backoff = TimeSpan.FromMilliseconds(50);
        for (int attempt = 0; attempt < 8; attempt++)
        {
            int fd = Native.Open(path, Native.O_RDONLY | Native.O_CLOEXEC);
            if (fd >= 0)
            {
                return fd;
            }

            await Task.Delay(backoff, ct);
            if (/*~ASYS1001*/Marshal.GetLastPInvokeError() != Native.ENOENT)
            {
                return -1;
            }

            backoff *= 2;
        }

        return -1;
    }
}
