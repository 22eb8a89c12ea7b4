// A commit path migrated from ContinueWith chains: the record's write is followed by a continuation that starts the fdatasync, and the caller awaits the chain. The continuation hands back the fdatasync's ValueTask inside a Task<ValueTask>, which the await unwraps one level and drops: the commit reports durable as soon as the sync is submitted, and a failed sync is never seen.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.CommitChainBad;

internal sealed class CommitLog(IoRing ring, int fd)
{
    public async Task CommitAsync(ReadOnlyMemory<byte> record, long offset)
    {
        /*~ASYS1006*/await ring.WriteAsync(fd, record, offset).AsTask().ContinueWith(_ => ring.FdatasyncAsync(fd), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default).ConfigureAwait(false);
    }
}
