// The deadline scrubber made right: when the deadline wins it hands the owner to a continuation of the read that
// disposes it once the read has completed, so the pool gets the buffer back only after the kernel is done with it.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.InFlight.ScrubTimeoutKeepsOwner;

public sealed class DeadlineScrubber(IoRing ring, AlignedBufferPool pool)
{
    public async Task<bool?> VerifyAsync(DirectFileHandle table, long offset, int length, TimeSpan deadline, CancellationToken ct)
    {
        IMemoryOwner<byte> owner = pool.Rent(length);
        Task<int> read = ring.ReadAsync(table, owner.Memory[..length], offset, ct).AsTask();
        if (await Task.WhenAny(read, Task.Delay(deadline, ct)) != read)
        {
            _ = read.ContinueWith(static (_, state) => ((IDisposable)state!).Dispose(), owner, TaskScheduler.Default);
            return null;
        }

        int n = await read;
        bool ok = n == length && owner.Memory.Span[..n].IndexOfAnyExcept((byte)0) >= 0;
        owner.Dispose();
        return ok;
    }
}
