// A WAL syncs with a plain fdatasync import (no generated variant); on failure it reads errno through a helper method first, then awaits a log record to the journal and throws with the saved value.
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round44.WalErrno;

public static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    public static partial int Fdatasync(int fd);
}

public sealed class WalSyncer
{
    private readonly TextWriter _journal;

    public WalSyncer(TextWriter journal) => _journal = journal;

    public async Task SyncAsync(int fd, long lsn)
    {
        int rc = Native.Fdatasync(fd);
        if (rc < 0)
        {
            int errno = LastError();
            await _journal.WriteLineAsync("fdatasync failed at lsn " + lsn);
            throw new ErrnoException(errno, "fdatasync");
        }
    }

    private static int LastError() => Marshal.GetLastPInvokeError();
}
