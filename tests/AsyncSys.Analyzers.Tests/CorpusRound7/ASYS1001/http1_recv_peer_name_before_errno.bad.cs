using System;
using System.IO;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Round7.Errno.Http1Recv;

internal static unsafe class SocketNative
{
    [DllImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static extern nint Recv(int fd, byte* buffer, nint length, int flags);
}

internal enum ReadOutcome { Data, Closed, Retry, Reset }

/// <summary>Fills the request-line buffer of an HTTP/1 connection from a non-blocking socket.</summary>
internal sealed unsafe class RequestReader(Socket socket, byte[] buffer)
{
    private const int EAGAIN = 11;
    private const int ECONNRESET = 104;

    public int Filled { get; private set; }

    public ReadOutcome Fill()
    {
        nint n;
        fixed (byte* p = &buffer[Filled])
        {
            n = SocketNative.Recv((int)socket.Handle, p, buffer.Length - Filled, 0);
        }

        if (n > 0)
        {
            Filled += (int)n;
            return ReadOutcome.Data;
        }

        if (n == 0)
        {
            return ReadOutcome.Closed;
        }

        string peer = socket.RemoteEndPoint?.ToString() ?? "?";   // getpeername(2) under the property
        switch (/*~ASYS1001*/Marshal.GetLastPInvokeError())
        {
            case EAGAIN:
                return ReadOutcome.Retry;
            case ECONNRESET:
                Console.Error.WriteLine("reset by " + peer);
                return ReadOutcome.Reset;
            default:
                throw new IOException("recv failed from " + peer);
        }
    }
}
