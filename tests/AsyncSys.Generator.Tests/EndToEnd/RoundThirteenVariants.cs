using System.Runtime.InteropServices;

namespace AsyncSys.Generator.Tests.EndToEnd;

/// <summary>
/// Calls outside the table that may return -1 without setting errno, as held-out round 13 declared them: sysconf(3) answers
/// -1 and leaves errno alone for an option the C library does not support, and an ordinary method may return its own -1.
/// </summary>
public static partial class LimitVariants
{
    public const int ScPageSize = 30, ScTrace = 181;

    [DllImport("libc", EntryPoint = "sysconf", SetLastError = true)]
    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    public static extern long SysConf(int name);

    /// <summary>-1 for a negative index without touching errno; -1 with EINVAL for one past the end; else the index.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Find(int index)
    {
        if (index > 10)
        {
            Marshal.SetLastPInvokeError(Errno.EINVAL);
            return -1;
        }

        return index < 0 ? -1 : index;
    }

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall]
    public static extern int Flock(int fd, int operation);
}
