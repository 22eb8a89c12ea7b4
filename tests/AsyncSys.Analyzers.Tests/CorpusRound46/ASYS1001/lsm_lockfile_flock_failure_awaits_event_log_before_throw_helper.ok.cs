// An LSM store takes its LOCK file with flock(2); when the lock is busy it keeps errno first, then awaits the async event log and throws through a helper given that errno.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.LsmLockFileOk;

internal static partial class Native
{
    internal const int LOCK_EX = 2;
    internal const int LOCK_NB = 4;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fd, int operation);
}

internal static class ErrnoThrow
{
    public static void Throw(int errno, string operation, string path) =>
        throw new ErrnoException(errno, operation, path);
}

internal sealed class StoreLock(TextWriter eventLog)
{
    public async Task AcquireAsync(int lockFd, string path, CancellationToken ct)
    {
        if (Native.Flock(lockFd, Native.LOCK_EX | Native.LOCK_NB) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            await eventLog.WriteLineAsync($"{DateTime.UtcNow:O} lock {path} is busy".AsMemory(), ct).ConfigureAwait(false);
            ErrnoThrow.Throw(errno, "flock", path);
        }
    }
}
