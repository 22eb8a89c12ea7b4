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
            int errno = rc < 0 ? Marshal.GetLastPInvokeError() : 0;
            Console.WriteLine("connection closed: fd " + _fd);
            if (errno != 0)
            {
                LastErrno = errno;
            }
        }
    }
}
