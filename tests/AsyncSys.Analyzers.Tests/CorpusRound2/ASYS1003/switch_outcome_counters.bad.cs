// An offloaded wrapper counts outcomes per case of a switch statement, in plain static fields.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round2;

internal static partial class Locks
{
    private static int s_acquired;
    private static int s_contended;

    internal static (int Acquired, int Contended) Counts => (s_acquired, s_contended);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockRaw(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int TryLock(int fd)
    {
        int rc = FlockRaw(fd, 2 | 4);
        switch (rc)
        {
            case 0:
                /*~ASYS1003*/s_acquired++;
                break;
            default:
                /*~ASYS1003*/s_contended += 1;
                break;
        }

        return rc;
    }
}
