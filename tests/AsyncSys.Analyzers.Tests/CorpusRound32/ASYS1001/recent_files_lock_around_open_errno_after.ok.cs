// The recent-files list opens each entry to check it still exists, under the list's lock; errno is read after the
// lock is left, to grey out entries that are ENOENT. Leaving a lock makes no P/Invoke: the read is still open's.
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Round32.Errno.RecentFilesOpenUnderLock;

internal static class Native
{
    internal const int ENOENT = 2;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    internal static extern int Open(string path, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);
}

public sealed class RecentFiles
{
    private readonly object _gate = new();
    private readonly List<string> _missing = new();

    public bool Probe(string path)
    {
        int fd;
        lock (_gate)
        {
            fd = Native.Open(path, 0);
        }

        if (fd < 0)
        {
            if (Marshal.GetLastPInvokeError() == Native.ENOENT)
            {
                lock (_gate) { _missing.Add(path); }
            }

            return false;
        }

        Native.Close(fd);
        return true;
    }
}
