// A service's pid-file lock tries flock(LOCK_EX | LOCK_NB) in an offloaded wrapper and passes the result through a
// static "track" lambda, declared in a field initializer, that counts failures for a metrics endpoint with a plain
// `++`. Instances started by several hosted services try at once, each on an AsyncSys worker: increments are lost.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.SharedState.PidLockFailureLambda;

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
            /*~ASYS1003*/s_failures++;
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
