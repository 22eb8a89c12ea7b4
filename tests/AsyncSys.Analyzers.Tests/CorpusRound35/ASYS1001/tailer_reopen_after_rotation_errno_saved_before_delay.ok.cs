// The reopen loop reads errno right after the failed open, and only then waits the backoff delay.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Round35.Errno.ReopenSavedBeforeBackoff;

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

            int errno = Marshal.GetLastPInvokeError();
            if (errno != Native.ENOENT)
            {
                return -1;
            }

            await Task.Delay(backoff, ct);
            backoff *= 2;
        }

        return -1;
    }
}
