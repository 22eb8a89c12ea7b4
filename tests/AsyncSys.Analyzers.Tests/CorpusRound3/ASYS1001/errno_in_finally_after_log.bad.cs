using System;
using System.Runtime.InteropServices;

namespace Round3.Sockets;

static partial class Native
{
    [LibraryImport("libc", SetLastError = true)]
    internal static partial int close(int fd);
}

sealed class Connection
{
    private readonly int _fd;

    public Connection(int fd) => _fd = fd;

    public int LastErrno { get; private set; }

    public void Close()
    {
        int rc = 0;
        try
        {
            rc = Native.close(_fd);
        }
        finally
        {
            Console.WriteLine("connection closed: fd " + _fd);
            if (rc < 0)
            {
                LastErrno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
            }
        }
    }
}
