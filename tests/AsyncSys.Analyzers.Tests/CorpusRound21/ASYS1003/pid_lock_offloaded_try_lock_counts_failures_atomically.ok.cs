// The same pid-file lock, written right: the static "track" lambda in the field initializer counts failures with
// Interlocked.Increment, so workers trying at once each count.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.SharedState.PidLockFailureInterlocked;

internal static partial class Native
{
    public const int LOCK_EX = 2, LOCK_NB = 4;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(int fd, int operation);
}

public static partial class PidFileLock
{
    private static int s_failures;

    private static readonly Func<int, int> Track = rc =>
    {
        if (rc < 0)
        {
            Interlocked.Increment(ref s_failures);
        }

        return rc;
    };

    public static int Failures => Volatile.Read(ref s_failures);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int TryLock(int fd) => Track(Native.Flock(fd, Native.LOCK_EX | Native.LOCK_NB));
}

public sealed class PidFileGuard(int fd)
{
    public async Task<bool> TryAcquireAsync(CancellationToken ct)
    {
        try
        {
            return await PidFileLock.TryLockAsync(fd, ct) == 0;
        }
        catch (ErrnoException e) when (e.Errno == Errno.EAGAIN)
        {
            return false;
        }
    }
}
