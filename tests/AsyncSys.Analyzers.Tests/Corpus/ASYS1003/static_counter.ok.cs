// The same counter with Interlocked.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Corpus;

internal static partial class Locks
{
    private static int s_locksTaken;

    internal static int LocksTaken => Volatile.Read(ref s_locksTaken);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockRaw(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int LockExclusive(int fd)
    {
        int result = FlockRaw(fd, 2);
        if (result == 0)
        {
            Interlocked.Increment(ref s_locksTaken);
        }

        return result;
    }
}
