// A storage engine syncs its WAL and its index file in one deconstruction and, when the WAL's sync failed, reads errno: it describes the index's fdatasync, the last call made.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round44.DurableCommit;

public static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    public static partial int Fdatasync(int fd);
}

public sealed class DurableCommit
{
    private readonly int _walFd;
    private readonly int _indexFd;

    public DurableCommit(int walFd, int indexFd)
    {
        _walFd = walFd;
        _indexFd = indexFd;
    }

    public void Commit()
    {
        var (walRc, indexRc) = (Native.Fdatasync(_walFd), Native.Fdatasync(_indexFd));
        if (walRc < 0)
        {
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "fdatasync(wal)");
        }

        if (indexRc < 0)
        {
            throw new ErrnoException(Marshal.GetLastPInvokeError(), "fdatasync(index)");
        }
    }
}
