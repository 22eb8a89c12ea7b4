// The same deadline, the read cancelled by descriptor and waited for before the buffer goes back to the pool.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.InFlight.HashTimeoutCancelsFirst;

public sealed class DeadlineHasher(IoRing ring)
{
    public async Task<int> ReadChunkAsync(int fd, long offset, TimeSpan deadline, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        Task<int> read = ring.ReadAsync(fd, buffer, offset, ct).AsTask();
        Task timeout = Task.Delay(deadline, ct);
        if (await Task.WhenAny(read, timeout) == timeout)
        {
            ring.CancelByFd(fd);
            try
            {
                await read;
            }
            catch (OperationCanceledException)
            {
            }

            ArrayPool<byte>.Shared.Return(buffer);
            return -1;
        }

        int n = await read;
        ArrayPool<byte>.Shared.Return(buffer);
        return n;
    }
}
