using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Round5.Errno.FlockRetry;

internal static class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern int flock(int fd, int operation);
}

internal static class LockFiles
{
    private const int LOCK_EX = 2;
    private const int LOCK_NB = 4;
    private const int EWOULDBLOCK = 11;

    public static int TryLock(int fd)
    {
        int errno = 0;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            if (Native.flock(fd, LOCK_EX | LOCK_NB) == 0)
            {
                return 0;
            }

            errno = Marshal.GetLastPInvokeError();   // captured before anything else runs
            if (errno != EWOULDBLOCK)
            {
                break;
            }

            Thread.Sleep(10 << attempt);
        }

        Console.Error.WriteLine($"lock on fd {fd} not taken: errno {errno}");
        return -errno;
    }
}
