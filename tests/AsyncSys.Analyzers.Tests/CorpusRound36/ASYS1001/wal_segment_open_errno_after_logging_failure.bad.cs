// A write-ahead log opens its next segment with open(O_CREAT|O_EXCL); on failure it logs the path first and only then
// asks errno whether the segment already exists (EEXIST: a crashed predecessor left it, reuse it). The log writer may
// write to a file and set errno, so an existing segment is taken for a hard failure and the database refuses to start.
using System.IO;
using System.Runtime.InteropServices;

namespace Round36.Errno.WalOpenAfterLog;

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

        log.WriteLine("wal: could not create segment " + path);
        int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
        if (errno == Native.EEXIST)
        {
            reused = true;
            return Native.Open(path, Native.O_WRONLY, 0);
        }

        throw new IOException("wal: create failed, errno " + errno);
    }
}
