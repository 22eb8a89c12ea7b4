// The disk-backed spill queue creates its next segment file; when open fails it checks Directory.Exists to tell "the
// spill directory was removed" apart from other failures, then reads errno for the message. Directory.Exists runs a
// stat P/Invoke that sets errno itself, so the error reported for the segment is the stat's (ENOENT) or a stale one.
using System.IO;
using System.Runtime.InteropServices;

namespace Round35.Errno.SpillSegmentAfterDirectoryCheck;

internal static class Native
{
    internal const int O_WRONLY = 1, O_CREAT = 0x40, O_EXCL = 0x80, O_CLOEXEC = 0x80000;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static extern int Open(string path, int flags, int mode);
}

public sealed class SpillSegments(string directory)
{
    public int CreateSegment(long sequence)
    {
        string path = Path.Combine(directory, sequence.ToString("D12") + ".seg");
        int fd = Native.Open(path, Native.O_WRONLY | Native.O_CREAT | Native.O_EXCL | Native.O_CLOEXEC, 0x180);
        if (fd < 0)
        {
            string where = Directory.Exists(directory) ? path : directory + " (missing)";
            throw new IOException($"cannot create spill segment {where}: errno {/*~ASYS1001*/Marshal.GetLastPInvokeError()}");
        }

        return fd;
    }
}
