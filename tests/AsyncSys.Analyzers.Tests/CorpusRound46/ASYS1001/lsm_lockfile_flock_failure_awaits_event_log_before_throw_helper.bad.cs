// An LSM store takes its LOCK file with flock(2); when the lock is busy it awaits the async event log and then calls a throw helper whose body reads errno, by then another thread's or another call's.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus46.LsmLockFileBad;

internal static partial class Native
{
    internal const int LOCK_EX = 2;
    internal const int LOCK_NB = 4;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fd, int operation);
}

internal static class ErrnoThrow
{
    public static void ThrowLastError(string operation, string path) =>
        throw new ErrnoException(Marshal.GetLastPInvokeError(), operation, path);
}

internal sealed class StoreLock(TextWriter eventLog)
{
    public async Task AcquireAsync(int lockFd, string path, CancellationToken ct)
    {
        if (Native.Flock(lockFd, Native.LOCK_EX | Native.LOCK_NB) < 0)
        {
            await eventLog.WriteLineAsync($"{DateTime.UtcNow:O} lock {path} is busy".AsMemory(), ct).ConfigureAwait(false);
            /*~ASYS1001*/ErrnoThrow.ThrowLastError("flock", path);
        }
    }
}
