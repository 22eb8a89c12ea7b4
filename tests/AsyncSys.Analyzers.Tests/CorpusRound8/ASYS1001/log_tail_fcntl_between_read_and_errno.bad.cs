using System;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round8.Errno.LogTail;

/// <summary>A log shipper tails a growing file through a non-blocking descriptor.</summary>
internal sealed class FileTail(int fd, string path)
{
    private const int EAGAIN = 11;
    private long _shipped;

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, byte[] buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    private static extern int fcntl(int fd, int command);

    /// <summary>Reads what was appended since the last call; 0 when nothing new.</summary>
    public int ReadAppended(byte[] buffer)
    {
        nint n = read(fd, buffer, buffer.Length);
        if (n >= 0)
        {
            _shipped += n;
            return (int)n;
        }

        // F_GETFL ran after the read: with SetLastError its errno (0 on success) is what both reads below see.
        int flags = fcntl(fd, 3);
        if ((flags & 0x800) != 0 && /*~ASYS1001*/Marshal.GetLastPInvokeError() == EAGAIN)
        {
            return 0;
        }

        throw new IOException($"tail of {path} failed after {_shipped} bytes", new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "read"));
    }
}
