// A thumbnail job queue makes a batch of written thumbnails durable: it starts one fdatasync per file, converts each
// ValueTask to a Task once into an array, waits for all of them, and then counts the failures from the Tasks in the
// array. The array is materialized, so looking at it again starts nothing and consumes no ValueTask a second time.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.ValueTasks.ThumbnailBatchSync;

public sealed class ThumbnailBatch(IoRing ring)
{
    public async Task<int> SyncAllAsync(IReadOnlyList<int> fds, CancellationToken ct)
    {
        Task[] syncs = fds.Select(fd => ring.FdatasyncAsync(fd, ct).AsTask()).ToArray();
        try
        {
            await Task.WhenAll(syncs);
        }
        catch (ErrnoException)
        {
            // the failures are counted below from each task
        }

        return syncs.Count(t => t.IsFaulted);
    }
}
