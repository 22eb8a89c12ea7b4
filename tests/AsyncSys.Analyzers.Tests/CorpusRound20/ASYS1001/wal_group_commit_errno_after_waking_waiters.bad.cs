// A key-value store's WAL group commit runs fdatasync once for a batch, then wakes the batch's waiters through a
// channel before deciding whether the sync failed. Writing to the channel is awaited: when it is full the method resumes
// on another pool thread, and the errno read after it is that thread's, so an EIO is reported as some other error
// (or as success-looking 0) and the store does not poison itself after a failed sync.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.Errno.GroupCommitWakeFirst;

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
        await durable.WriteAsync(rc == 0 ? lastLsn : -1, ct);
        if (rc != 0)
        {
            throw new ErrnoException(/*~ASYS1001*/Marshal.GetLastPInvokeError(), "fdatasync");
        }

        _syncedLsn = lastLsn;
    }

    public long SyncedLsn => Volatile.Read(ref _syncedLsn);
}
