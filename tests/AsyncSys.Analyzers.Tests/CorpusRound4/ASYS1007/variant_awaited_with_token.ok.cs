using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Blocking.Variant;

internal static partial class Libc
{
    public const int LOCK_EX = 2;
    public const int LOCK_UN = 8;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Flock(int fd, int operation);
}

internal static class Exclusive
{
    public static async Task RunLockedAsync(int fd, System.Func<Task> body, CancellationToken cancellationToken)
    {
        await Libc.FlockAsync(fd, Libc.LOCK_EX, cancellationToken).ConfigureAwait(false);
        try
        {
            await body().ConfigureAwait(false);
        }
        finally
        {
            await Libc.FlockAsync(fd, Libc.LOCK_UN, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
