// Before an epoch the loader hints the kernel to read ahead every shard it will touch, with a posix_fadvise(WILLNEED)
// ring request per shard inside Parallel.For. The Action drops each request's ValueTask: failures (EBADF for a shard
// closed by the previous epoch) vanish, and the request's pooled source is never returned.
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.ValueTasks.FadviseDroppedInParallelFor;

public sealed class EpochWarmer(IoRing ring)
{
    private const int POSIX_FADV_WILLNEED = 3;

    public void Warm(int[] shardFds, long[] shardLengths)
    {
        Parallel.For(0, shardFds.Length, i =>
            /*~ASYS1006*/ring.SubmitAsync(RingRequest.Fadvise(shardFds[i], 0, shardLengths[i], POSIX_FADV_WILLNEED)));
    }
}
