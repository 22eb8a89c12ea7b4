// A pooled connection's synchronous Dispose closes its socket with the blocking close wrapper: Dispose is not async,
// and blocking there is the caller's choice (the pool disposes connections from its own background sweeper).
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round38.Blocking.PoolConnectionDispose;

internal static partial class Native
{
    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [AsyncSyscall]
    internal static extern int Close(int fd);
}

public sealed class PooledConnection(int fd) : IDisposable
{
    private bool _disposed;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (Native.Close(fd) < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "close");
        }
    }
}
