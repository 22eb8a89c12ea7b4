// The group commit made right: the batch's fdatasync is awaited once, and every waiter is completed after it (or
// failed with its exception), never before the sync.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.ValueTasks.GroupCommitSyncOnce;

public sealed class GroupCommitter(IoRing ring, int logFd)
{
    public async Task CompleteBatchAsync(IReadOnlyList<TaskCompletionSource<long>> waiters, long durableLsn, CancellationToken ct)
    {
        try
        {
            await ring.FdatasyncAsync(logFd, ct);
        }
        catch (Exception error)
        {
            foreach (TaskCompletionSource<long> waiter in waiters)
            {
                waiter.TrySetException(error);
            }

            throw;
        }

        foreach (TaskCompletionSource<long> waiter in waiters)
        {
            waiter.TrySetResult(durableLsn);
        }
    }
}
