// An offloaded wrapper counts its calls in a static field: calls now overlap on the worker pool.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Corpus;

internal static partial class Locks
{
    private static int s_locksTaken;

    internal static int LocksTaken => s_locksTaken;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockRaw(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int LockExclusive(int fd)
    {
        int result = FlockRaw(fd, 2);
        if (result == 0)
        {
            /*~ASYS1003*/s_locksTaken++;
        }

        return result;
    }
}
