// The same permission restorer counts failures with Interlocked.Increment, so concurrent workers lose none.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round27.SharedState.FchmodFailureCounterInterlocked;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
    internal static partial int FChmod(int fd, uint mode);
}

public static partial class PermissionRestorer
{
    private static int s_failures;

    public static int Failures => Volatile.Read(ref s_failures);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int RestoreMode(int fd, uint mode)
    {
        int rc = Native.FChmod(fd, mode);
        if (rc < 0)
        {
            Interlocked.Increment(ref s_failures);
        }

        return rc;
    }
}
