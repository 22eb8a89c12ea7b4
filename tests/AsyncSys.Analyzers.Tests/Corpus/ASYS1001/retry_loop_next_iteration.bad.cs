// The errno check at the top of the next iteration runs after the log line and sleep that ended the previous one.
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
            if (attempt > 0)
            {
                int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
                if (errno != Errno.EAGAIN)
                {
                    throw new ErrnoException(errno, "flock");
                }
            }

            if (Sys.Flock(fd, LockExclusiveNonBlocking) == 0)
            {
                return true;
            }

            Console.Error.WriteLine("pid file busy, attempt " + attempt);
            Thread.Sleep(50);
        }

        return false;
    }
}
