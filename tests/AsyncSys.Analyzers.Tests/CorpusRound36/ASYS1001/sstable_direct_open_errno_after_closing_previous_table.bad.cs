// The compactor swaps the input table it reads: it opens the next SSTable with O_DIRECT and, if that fails, closes the
// table it was reading before deciding from errno whether the filesystem rejects O_DIRECT (EINVAL: fall back to buffered
// reads). close(2) sets errno itself (and usually succeeds, leaving the old value only by luck), so the fallback is taken
// or skipped at random and compaction aborts on tmpfs.
using System.IO;
using System.Runtime.InteropServices;

namespace Round36.Errno.SstableOpenAfterClose;

internal static class Native
{
    internal const int O_RDONLY = 0, O_DIRECT = 0x4000, EINVAL = 22;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static extern int Open(string path, int flags, int mode);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

public sealed class CompactionInput
{
    private int _fd = -1;

    public bool Direct { get; private set; }

    public void MoveTo(string tablePath)
    {
        int fd = Native.Open(tablePath, Native.O_RDONLY | Native.O_DIRECT, 0);
        int previous = _fd;
        _fd = -1;
        if (previous >= 0)
        {
            Native.Close(previous);
        }

        if (fd < 0)
        {
            if (/*~ASYS1001*/Marshal.GetLastPInvokeError() != Native.EINVAL)
            {
                throw new IOException("compaction: cannot open " + tablePath);
            }

            fd = Native.Open(tablePath, Native.O_RDONLY, 0);
            Direct = false;
        }
        else
        {
            Direct = true;
        }

        _fd = fd;
    }
}
