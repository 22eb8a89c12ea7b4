using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Blocking.SemaphoreFlock;

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
            ErrnoException.ThrowIfNegative(/*~ASYS1007*/Libc.Flock(fd, Libc.LOCK_EX), "flock");   // may wait for another process for seconds
            try
            {
                return await body().ConfigureAwait(false);
            }
            finally
            {
                /*~ASYS1007*/Libc.Flock(fd, Libc.LOCK_UN);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
