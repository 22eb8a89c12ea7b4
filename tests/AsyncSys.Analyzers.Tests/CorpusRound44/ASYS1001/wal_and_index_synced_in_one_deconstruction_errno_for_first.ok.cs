// A storage engine syncs its WAL and its index file one after the other, each with its errno kept in the same deconstruction right after its own call, and throws with the saved value of the one that failed.
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
        var (walRc, walErrno) = (Native.Fdatasync(_walFd), Marshal.GetLastPInvokeError());
        var (indexRc, indexErrno) = (Native.Fdatasync(_indexFd), Marshal.GetLastPInvokeError());
        if (walRc < 0)
        {
            throw new ErrnoException(walErrno, "fdatasync(wal)");
        }

        if (indexRc < 0)
        {
            throw new ErrnoException(indexErrno, "fdatasync(index)");
        }
    }
}
