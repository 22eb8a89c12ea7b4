using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.Buffers.KvTimeoutLambda;

/// <summary>A key-value cache reads a value from its slab file with a deadline; on timeout it gives up and frees the buffer.</summary>
internal sealed class SlabReader(IoRing ring, int slabFd, TimeSpan deadline)
{
    public async Task<byte[]?> GetAsync(long offset, int size, CancellationToken cancellationToken)
    {
        byte[] value = ArrayPool<byte>.Shared.Rent(size);
        Action release = () => ArrayPool<byte>.Shared.Return(value);
        Task<int> read = ring.ReadAsync(slabFd, value.AsMemory(0, size), offset, cancellationToken).AsTask();
        if (await Task.WhenAny(read, Task.Delay(deadline, cancellationToken)) != read)
        {
            /*~ASYS1005*/release();   // the read is still running: the kernel fills a buffer someone else rents next
            return null;
        }

        int n = await read;
        byte[] copy = value.AsSpan(0, n).ToArray();
        release();
        return copy;
    }
}
