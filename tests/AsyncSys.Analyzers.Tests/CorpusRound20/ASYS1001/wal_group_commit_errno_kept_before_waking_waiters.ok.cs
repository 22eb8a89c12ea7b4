// The same group commit keeping errno right after fdatasync, before the awaited channel write.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.Errno.GroupCommitErrnoKept;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    internal static partial int FDataSync(int fd);
}

public sealed class GroupCommitter(int walFd, ChannelWriter<long> durable)
{
    private long _syncedLsn;

    public async Task CommitBatchAsync(long lastLsn, CancellationToken ct)
    {
        int rc = Native.FDataSync(walFd);
        int errno = rc != 0 ? Marshal.GetLastPInvokeError() : 0;
        await durable.WriteAsync(rc == 0 ? lastLsn : -1, ct);
        if (rc != 0)
        {
            throw new ErrnoException(errno, "fdatasync");
        }

        _syncedLsn = lastLsn;
    }

    public long SyncedLsn => Volatile.Read(ref _syncedLsn);
}
