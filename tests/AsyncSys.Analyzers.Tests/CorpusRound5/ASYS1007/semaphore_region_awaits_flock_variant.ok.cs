using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Blocking.SemaphoreFlockOk;

internal static partial class Libc
{
    public const int LOCK_EX = 2;
    public const int LOCK_UN = 8;

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall]
    public static extern int Flock(int fd, int operation);
}

internal sealed class ExclusiveFile(int fd)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<T> WithLockAsync<T>(System.Func<Task<T>> body, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Libc.FlockAsync(fd, Libc.LOCK_EX, cancellationToken).ConfigureAwait(false);
            try
            {
                return await body().ConfigureAwait(false);
            }
            finally
            {
                await Libc.FlockAsync(fd, Libc.LOCK_UN, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
