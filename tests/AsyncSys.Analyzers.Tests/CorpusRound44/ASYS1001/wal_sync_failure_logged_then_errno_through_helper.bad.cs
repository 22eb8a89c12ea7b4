// A WAL syncs with a plain fdatasync import (no generated variant); on failure it awaits a log record to the journal first and reads errno through a helper method afterwards, on whatever thread resumed it.
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
            await _journal.WriteLineAsync("fdatasync failed at lsn " + lsn);
            throw new ErrnoException(/*~ASYS1001*/LastError(), "fdatasync");
        }
    }

    private static int LastError() => Marshal.GetLastPInvokeError();
}
