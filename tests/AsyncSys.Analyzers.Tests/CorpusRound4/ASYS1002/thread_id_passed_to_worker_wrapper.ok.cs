using System;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.PerThread.PassedOwner;

public static partial class FileLocks
{
    private const int LOCK_EX = 2;
    private static readonly ConcurrentDictionary<int, int> s_lockedBy = new();

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int flock_raw(int fd, int operation);

    // The owner comes in as an argument: the worker never reads its own thread.
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int LockFor(int fd, int ownerThread)
    {
        int rc = flock_raw(fd, LOCK_EX);
        if (rc == 0)
        {
            s_lockedBy[fd] = ownerThread;
        }

        return rc;
    }

    public static async Task LockFromCallerAsync(int fd)
    {
        await LockForAsync(fd, Environment.CurrentManagedThreadId);
    }
}
