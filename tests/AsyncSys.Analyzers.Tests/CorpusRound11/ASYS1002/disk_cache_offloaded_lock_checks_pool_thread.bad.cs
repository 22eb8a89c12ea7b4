// A disk cache's offloaded flock wrapper tries a non-blocking lock when it finds itself on a thread-pool thread; run as a generated worker call, it asks about the worker, never about the caller.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round11.PerThread.CacheLockPoolThread;

internal static partial class CacheLock
{
    public const int LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int flock(int fd, int operation);

    /// <summary>Takes the cache file's lock; thread-pool callers must not block, so they try once and get EWOULDBLOCK.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Acquire(int fd)
    {
        int operation = /*~ASYS1002*/Thread.CurrentThread.IsThreadPoolThread ? LOCK_EX | LOCK_NB : LOCK_EX;
        return flock(fd, operation);
    }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Release(int fd) => flock(fd, LOCK_UN);
}

public sealed class DiskCache(int lockFd)
{
    public async Task PersistAsync(CancellationToken cancellationToken)
    {
        await CacheLock.AcquireAsync(lockFd, cancellationToken);
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
