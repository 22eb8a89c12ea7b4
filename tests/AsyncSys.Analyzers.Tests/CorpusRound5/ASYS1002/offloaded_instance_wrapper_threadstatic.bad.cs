using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round5.PerThread.PrimaryCtorWrapper;

internal static class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern int flock(int fd, int operation);
}

public sealed partial class AdvisoryLock(int fd)
{
    private const int LOCK_NB = 4;

    // Locks this thread already holds: a second one is taken without blocking, to avoid self-deadlock.
    [ThreadStatic]
    private static int t_held;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Acquire(int operation) =>
        Native.flock(fd, /*~ASYS1002*/t_held > 0 ? operation | LOCK_NB : operation);   // on a worker: the worker's count
}
