// Parallel hashing reads each chunk with a deadline: Task.WhenAny between the read and a delay. When the delay wins the
// hasher gives up on the file and returns the pooled buffer at once, but the read is still in flight: the kernel later
// writes the chunk into a buffer now rented by another file's hash, and that file gets a wrong digest.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.InFlight.HashTimeoutReturnsBuffer;

public sealed class DeadlineHasher(IoRing ring)
{
    public async Task<int> ReadChunkAsync(int fd, long offset, TimeSpan deadline, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        Task<int> read = ring.ReadAsync(fd, buffer, offset, ct).AsTask();
        Task timeout = Task.Delay(deadline, ct);
        if (await Task.WhenAny(read, timeout) == timeout)
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
            return -1;
        }

        int n = await read;
        ArrayPool<byte>.Shared.Return(buffer);
        return n;
    }
}
