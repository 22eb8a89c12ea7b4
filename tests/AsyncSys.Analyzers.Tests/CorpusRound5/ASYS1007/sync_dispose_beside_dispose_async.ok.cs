using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round5.Blocking.SyncDispose;

internal static partial class Libc
{
    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [AsyncSyscall]
    public static extern int Close(int fd);
}

internal sealed class OwnedDescriptor(int fd) : IDisposable, IAsyncDisposable
{
    private int _fd = fd;

    // The synchronous path blocks, as its caller asked by calling Dispose.
    public void Dispose()
    {
        int toClose = Interlocked.Exchange(ref _fd, -1);
        if (toClose >= 0)
        {
            Libc.Close(toClose);
        }
    }

    public async ValueTask DisposeAsync()
    {
        int toClose = Interlocked.Exchange(ref _fd, -1);
        if (toClose >= 0)
        {
            await Libc.CloseAsync(toClose);
        }
    }
}
