// A log tailer waits for more data with a ring read of a pooled chunk and, so a shutdown does not leak the chunk, registers
// a callback on the stop token that returns it to the pool. The callback runs when the token fires, while the cancelled
// read is still in flight (cancellation is a request; the read keeps the buffer until its completion): the pool hands the
// chunk to another reader, and the late completion writes file bytes into that reader's data.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.InFlight.TailerCallbackReturnsChunk;

public sealed class FileFollower(IoRing ring, int fd)
{
    public async Task<int> ReadMoreAsync(long offset, Func<ReadOnlyMemory<byte>, Task> deliver, CancellationToken stop)
    {
        byte[] chunk = ArrayPool<byte>.Shared.Rent(32 * 1024);
        using CancellationTokenRegistration release = stop.Register(() => /*~ASYS1005*/ArrayPool<byte>.Shared.Return(chunk));
        int n = await ring.ReadAsync(fd, chunk, offset, stop);
        await deliver(chunk.AsMemory(0, n));
        ArrayPool<byte>.Shared.Return(chunk);
        return n;
    }
}
