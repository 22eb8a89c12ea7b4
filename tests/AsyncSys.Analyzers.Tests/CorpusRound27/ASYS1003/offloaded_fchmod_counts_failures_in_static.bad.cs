// A sync tool preserves permissions with fchmod through an offloaded wrapper that counts failures for its summary line;
// many files finish at once, so the workers' unsynchronized increments of the static counter lose counts and the summary
// under-reports files whose mode was not restored.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round27.SharedState.FchmodFailureCounter;

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
            /*~ASYS1003*/s_failures++;
        }

        return rc;
    }
}
