// The tailer reads a chunk into a MemoryPool buffer and races the read against the agent's stop signal; on stop it
// disposes the buffer owner and returns. The read is still posted (a cancelled read keeps its buffer until its
// completion): the kernel writes file bytes into memory that the pool has handed to another component.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.InFlight.TailReadOwnerDisposedOnStop;

public sealed class ChunkTailer(IoRing ring, int fd)
{
    public async Task<int> ReadChunkAsync(long offset, Task stopping, Action<ReadOnlyMemory<byte>> ship)
    {
        IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(64 * 1024);
        Task<int> read = ring.ReadAsync(fd, owner.Memory, offset).AsTask();
        if (await Task.WhenAny(read, stopping) != read)
        {
            /*~ASYS1005*/owner.Dispose();
            return 0;
        }

        int n = await read;
        ship(owner.Memory[..n]);
        owner.Dispose();
        return n;
    }
}
