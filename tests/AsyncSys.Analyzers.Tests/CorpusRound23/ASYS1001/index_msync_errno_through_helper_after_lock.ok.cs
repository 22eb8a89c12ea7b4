// A memory-mapped offset index is flushed with msync under the index lock; errno is read through a helper property
// right after the lock is left (only Monitor.Exit in between, which sets no errno) when msync failed.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round23.Errno.IndexMsync;

internal static class Native
{
    [DllImport("libc", EntryPoint = "msync", SetLastError = true)]
    internal static extern int MSync(nint address, nuint length, int flags);
}

public sealed class MappedOffsetIndex(nint mapping, nuint length)
{
    private const int MS_SYNC = 4;
    private readonly object _gate = new();

    private static int LastErrno => Marshal.GetLastPInvokeError();

    public void Flush()
    {
        int rc;
        lock (_gate)
        {
            rc = Native.MSync(mapping, length, MS_SYNC);
        }

        if (rc != 0)
        {
            throw new ErrnoException(LastErrno, "msync");
        }
    }
}
