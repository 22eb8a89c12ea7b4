// A commit path migrated from ContinueWith chains: the record's write is followed by a continuation that starts the fdatasync and hands back its Task, and the chain is unwrapped before the await, so the commit completes when the sync does.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.CommitChainOk;

internal sealed class CommitLog(IoRing ring, int fd)
{
    public async Task CommitAsync(ReadOnlyMemory<byte> record, long offset)
    {
        await ring.WriteAsync(fd, record, offset).AsTask().ContinueWith(_ => ring.FdatasyncAsync(fd).AsTask(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default).Unwrap().ConfigureAwait(false);
    }
}
