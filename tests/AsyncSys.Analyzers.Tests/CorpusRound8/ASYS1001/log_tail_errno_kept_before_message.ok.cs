using System;
using System.IO;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round8.Errno.LogTailOk;

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

        int errno = Marshal.GetLastPInvokeError();   // before anything else runs
        int flags = fcntl(fd, 3);
        if ((flags & 0x800) != 0 && errno == EAGAIN)
        {
            return 0;
        }

        throw new IOException($"tail of {path} failed after {_shipped} bytes", new ErrnoException(errno, "read"));
    }
}
