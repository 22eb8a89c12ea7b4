using System.Runtime.InteropServices;
using AsyncSys;

namespace Round4.Shared.StatsObject;

public sealed class LockStats
{
    public long Calls;
    public long Failures;
}

public static partial class Locks
{
    private static readonly LockStats s_stats = new();

    public static LockStats Stats => s_stats;

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int flock_raw(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Lock(int fd, int operation)
    {
        /*~ASYS1003*/s_stats.Calls++;
        int rc = flock_raw(fd, operation);
        if (rc != 0)
        {
            /*~ASYS1003*/s_stats.Failures++;
        }

        return rc;
    }
}
