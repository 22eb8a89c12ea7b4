// A PostgreSQL wire-protocol reader receives with recv(2) into its read buffer. On failure it marks the connector
// broken by disposing the SafeHandle that owns the socket (its release runs close(2), which sets errno), then builds
// the exception from a helper property that reads errno: the error reported to the pool (and used to decide whether
// to retry the query) is close's, not recv's.
using System;
using System.Runtime.InteropServices;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round28.Errno.PgRecvDisposeThenHelper;

internal static class Native
{
    [DllImport("libc", EntryPoint = "recv", SetLastError = true)]
    internal static extern nint Recv(SafeHandle socket, byte[] buffer, nint length, int flags);
}

public sealed class PgReadBuffer(SafeFileHandle socket, int size)
{
    private readonly byte[] _buffer = new byte[size];
    private int _filled;
    private bool _broken;

    private static int LastErrno => Marshal.GetLastPInvokeError();

    public int FillMore()
    {
        if (_broken) throw new ObjectDisposedException(nameof(PgReadBuffer));
        nint n = Native.Recv(socket, _buffer, _buffer.Length - _filled, 0);
        if (n < 0)
        {
            _broken = true;
            socket.Dispose();
            throw new ErrnoException(/*~ASYS1001*/LastErrno, "recv", "connection to the server was lost");
        }

        _filled += (int)n;
        return (int)n;
    }
}
