// The same switch counts outcomes with Interlocked.
using System.Runtime.InteropServices;
using System.Threading;
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
                Interlocked.Increment(ref s_acquired);
                break;
            default:
                Interlocked.Add(ref s_contended, 1);
                break;
        }

        return rc;
    }
}
