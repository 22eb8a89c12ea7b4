using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Blocking.MethodName;

internal static partial class Libc
{
    public const int LOCK_EX = 2;
    public const int LOCK_NB = 4;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall(ErrorMode = SyscallErrorMode.ReturnNegativeErrno, MethodName = "TryLockAsync")]
    internal static partial int Flock(int fd, int operation);
}

internal static class Leases
{
    public static async Task<bool> TryAcquireAsync(int fd, CancellationToken cancellationToken)
    {
        await Task.Delay(1, cancellationToken);
        return /*~ASYS1007*/Libc.Flock(fd, Libc.LOCK_EX | Libc.LOCK_NB) == 0;   // TryLockAsync exists beside it
    }
}
