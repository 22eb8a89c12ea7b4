// The same segment allocator made right: errno is saved on the line after open(2) fails, before the log write that may
// overwrite it, so EEXIST from a crashed predecessor's segment is recognised and the segment reused.
using System.IO;
using System.Runtime.InteropServices;

namespace Round36.Errno.WalOpenBeforeLog;

internal static class Native
{
    internal const int O_CREAT = 0x40, O_EXCL = 0x80, O_WRONLY = 1, EEXIST = 17;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static extern int Open(string path, int flags, int mode);
}

public sealed class WalSegmentAllocator(TextWriter log, string directory)
{
    public int OpenNext(long sequence, out bool reused)
    {
        string path = Path.Combine(directory, sequence.ToString("D20") + ".wal");
        int fd = Native.Open(path, Native.O_CREAT | Native.O_EXCL | Native.O_WRONLY, 0x1a4);
        reused = false;
        if (fd >= 0)
        {
            return fd;
        }

        int errno = Marshal.GetLastPInvokeError();
        log.WriteLine("wal: could not create segment " + path + ", errno " + errno);
        if (errno == Native.EEXIST)
        {
            reused = true;
            return Native.Open(path, Native.O_WRONLY, 0);
        }

        throw new IOException("wal: create failed, errno " + errno);
    }
}
