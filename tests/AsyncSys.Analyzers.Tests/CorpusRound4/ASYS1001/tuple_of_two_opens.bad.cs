using System.Runtime.InteropServices;
using AsyncSys;

namespace Round4.Errno.TwoOpens;

internal static class CopyFiles
{
    private const int O_RDONLY = 0;
    private const int O_WRONLY = 1;
    private const int O_CREAT = 64;
    private const int O_TRUNC = 512;

    [DllImport("libc", SetLastError = true)]
    private static extern int open(string path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    public static (int In, int Out) OpenPair(string source, string destination)
    {
        var fds = (In: open(source, O_RDONLY, 0), Out: open(destination, O_WRONLY | O_CREAT | O_TRUNC, 0x1A4));
        if (fds.In < 0)
        {
            int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();   // what the second open left, not the first
            if (fds.Out >= 0)
            {
                close(fds.Out);
            }

            throw new ErrnoException(errno, "open", source);
        }

        if (fds.Out < 0)
        {
            int errno = Marshal.GetLastPInvokeError();                 // the second open was the last call: right
            close(fds.In);
            throw new ErrnoException(errno, "open", destination);
        }

        return fds;
    }
}
