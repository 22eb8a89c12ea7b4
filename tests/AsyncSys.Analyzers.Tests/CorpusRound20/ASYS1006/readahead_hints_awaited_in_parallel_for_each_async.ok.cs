// The same warm-up with Parallel.ForEachAsync: each hint's ValueTask is awaited by the async body, once.
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.ValueTasks.FadviseAwaitedInForEachAsync;

public sealed class EpochWarmer(IoRing ring)
{
    private const int POSIX_FADV_WILLNEED = 3;

    public Task WarmAsync(int[] shardFds, long[] shardLengths, CancellationToken ct) =>
        Parallel.ForEachAsync(Enumerable.Range(0, shardFds.Length), ct, async (i, token) =>
        {
            int rc = await ring.SubmitAsync(RingRequest.Fadvise(shardFds[i], 0, shardLengths[i], POSIX_FADV_WILLNEED), token);
            if (rc < 0)
            {
                throw new ErrnoException(-rc, "posix_fadvise");
            }
        });
}
