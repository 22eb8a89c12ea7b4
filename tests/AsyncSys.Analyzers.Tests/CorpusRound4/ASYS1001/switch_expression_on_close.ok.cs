using System;
using System.Runtime.InteropServices;

namespace Round4.Errno.CloseSwitch;

internal static class Descriptors
{
    private const int EINTR = 4;
    private const int EBADF = 9;

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    // Linux closes the descriptor even when close reports EINTR: nothing to retry.
    public static int CloseQuietly(int fd) =>
        close(fd) == 0
            ? 0
            : Marshal.GetLastPInvokeError() switch
            {
                EINTR => 0,
                EBADF => throw new ObjectDisposedException("fd " + fd),
                var errno => -errno,
            };
}
