using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Blocks;

public sealed class BlockReader
{
    private readonly IoRing _ring;

    public BlockReader(IoRing ring) => _ring = ring;

    public long Checksum { get; private set; }

    public async ValueTask<int> ReadWithTimeoutAsync(int fd, long offset, TimeSpan timeout)
    {
        /*~ASYS1005*/using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(4096);
        ValueTask<int> read = _ring.ReadAsync(fd, owner.Memory, offset);
        Task<int> readTask = read.AsTask();
        if (await Task.WhenAny(readTask, Task.Delay(timeout)) != readTask)
        {
            // leaves with the read still in flight: the owner goes back to the pool under it
            throw new TimeoutException("read of the block at " + offset + " timed out");
        }

        int n = await readTask;
        foreach (byte b in owner.Memory.Span.Slice(0, n))
        {
            Checksum += b;
        }

        return n;
    }
}
