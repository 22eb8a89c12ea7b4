// The scrubber bounds each O_DIRECT block read with a deadline: it races the read (as a Task) against Task.Delay and,
// when the deadline wins, disposes the aligned buffer's owner and reports the block as "slow". The read is still
// pending and writes the block into an aligned buffer the pool has handed to a compaction read by then.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.InFlight.ScrubTimeoutOwner;

public sealed class DeadlineScrubber(IoRing ring, AlignedBufferPool pool)
{
    public async Task<bool?> VerifyAsync(DirectFileHandle table, long offset, int length, TimeSpan deadline, CancellationToken ct)
    {
        IMemoryOwner<byte> owner = pool.Rent(length);
        Task<int> read = ring.ReadAsync(table, owner.Memory[..length], offset, ct).AsTask();
        if (await Task.WhenAny(read, Task.Delay(deadline, ct)) != read)
        {
            /*~ASYS1005*/owner.Dispose();
            return null;
        }

        int n = await read;
        bool ok = n == length && owner.Memory.Span[..n].IndexOfAnyExcept((byte)0) >= 0;
        owner.Dispose();
        return ok;
    }
}
