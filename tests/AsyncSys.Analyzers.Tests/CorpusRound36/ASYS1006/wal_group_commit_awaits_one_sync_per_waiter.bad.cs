// A WAL group commit starts one fdatasync for the batch and then, for each waiter, awaits that same ValueTask before
// completing the waiter. The second await consumes a ValueTask whose source AsyncSys has already recycled: it may observe
// another operation's completion (or throw), so later waiters are told their records are durable when they are not.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.ValueTasks.GroupCommitSyncPerWaiter;

public sealed class GroupCommitter(IoRing ring, int logFd)
{
    public async Task CompleteBatchAsync(IReadOnlyList<TaskCompletionSource<long>> waiters, long durableLsn, CancellationToken ct)
    {
        ValueTask sync = ring.FdatasyncAsync(logFd, ct);
        foreach (TaskCompletionSource<long> waiter in waiters)
        {
            /*~ASYS1006*/await sync;
            waiter.TrySetResult(durableLsn);
        }
    }
}
