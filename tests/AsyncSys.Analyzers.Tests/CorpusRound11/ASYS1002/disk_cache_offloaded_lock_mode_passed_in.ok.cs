// A disk cache's offloaded flock wrapper takes "non-blocking" as an argument; the async caller decides it on its own thread and passes it in.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round11.PerThread.CacheLockPoolThreadOk;

internal static partial class CacheLock
{
    public const int LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int flock(int fd, int operation);

    /// <summary>Takes the cache file's lock; a caller that must not block asks for a single try (EWOULDBLOCK).</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Acquire(int fd, bool nonBlocking)
    {
        int operation = nonBlocking ? LOCK_EX | LOCK_NB : LOCK_EX;
        return flock(fd, operation);
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Release(int fd) => flock(fd, LOCK_UN);
}

public sealed class DiskCache(int lockFd)
{
    public async Task PersistAsync(CancellationToken cancellationToken)
    {
        await CacheLock.AcquireAsync(lockFd, nonBlocking: Thread.CurrentThread.IsThreadPoolThread, cancellationToken);
        try
        {
            await Task.Yield();   // write the entries
        }
        finally
        {
            await CacheLock.ReleaseAsync(lockFd, CancellationToken.None);
        }
    }
}
