// The errno check follows the failed flock in the same iteration, before the sleep.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Corpus;

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fd, int operation);
}

internal static class PidFileLock
{
    private const int LockExclusiveNonBlocking = 2 | 4;

    public static bool TryAcquire(int fd, int attempts)
    {
        for (int attempt = 0; attempt < attempts; attempt++)
        {
            if (Sys.Flock(fd, LockExclusiveNonBlocking) == 0)
            {
                return true;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.EAGAIN)
            {
                throw new ErrnoException(errno, "flock");
            }

            Console.Error.WriteLine("pid file busy, attempt " + attempt);
            Thread.Sleep(50);
        }

        return false;
    }
}
