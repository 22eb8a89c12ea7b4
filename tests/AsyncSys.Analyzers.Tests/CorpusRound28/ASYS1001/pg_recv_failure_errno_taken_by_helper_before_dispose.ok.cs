// The PostgreSQL read buffer made right: on a failed recv(2) the errno helper property is read first, into a local,
// and only then is the socket handle disposed (its close(2) may set errno) and the exception thrown with the saved value.
using System;
using System.Runtime.InteropServices;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round28.Errno.PgRecvErrnoBeforeDispose;

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
            int errno = LastErrno;
            _broken = true;
            socket.Dispose();
            throw new ErrnoException(errno, "recv", "connection to the server was lost");
        }

        _filled += (int)n;
        return (int)n;
    }
}
