// A shard reader reads an O_DIRECT block into an aligned lease from AlignedBufferPool and gives up after a timeout by
// throwing. The throw leaves the `using` scope, which returns the lease to the pool while the ring read is still in
// flight: the next reader rents the same aligned block and gets its bytes overwritten by the late completion.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.InFlight.ShardTimeoutUsingLease;

public sealed class ShardBlockReader(IoRing ring, int shardFd)
{
    public async Task<byte[]> ReadBlockAsync(long offset, int length, TimeSpan timeout, CancellationToken ct)
    {
        /*~ASYS1005*/using IMemoryOwner<byte> lease = AlignedBufferPool.Shared.Rent(length);
        Task<int> read = ring.ReadAsync(shardFd, lease.Memory[..length], offset, ct).AsTask();
        if (await Task.WhenAny(read, Task.Delay(timeout, ct)) != read)
        {
            throw new TimeoutException($"shard read at {offset} took longer than {timeout}");
        }

        int n = await read;
        return lease.Memory.Span[..n].ToArray();
    }
}
