// A pooled connection offers both disposals: the synchronous Dispose calls the blocking shutdown wrapper (the caller
// chose to block), and DisposeAsync awaits the wrapper's generated variant. Neither blocks inside async code.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.Blocking.DisposeBothWays;

public static partial class Net
{
    internal const int SHUT_RDWR = 2;

    [LibraryImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    [AsyncSyscall]
    public static partial int Shutdown(int fd, int how);
}

public sealed class PooledConnection(int fd) : IDisposable, IAsyncDisposable
{
    private int _closed;

    public void Dispose()
    {
        if (System.Threading.Interlocked.Exchange(ref _closed, 1) == 0)
        {
            Net.Shutdown(fd, Net.SHUT_RDWR);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (System.Threading.Interlocked.Exchange(ref _closed, 1) == 0)
        {
            await Net.ShutdownAsync(fd, Net.SHUT_RDWR);
        }
    }
}
