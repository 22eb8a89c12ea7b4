// The tailer made right: on shutdown the read is cancelled through the token and awaited (its cancellation observed)
// before the chunk goes back to the pool in the finally.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.InFlight.TailerAwaitsReadBeforeReturn;

public sealed class FileFollower(IoRing ring, int fd)
{
    public async Task<int> ReadMoreAsync(long offset, Func<ReadOnlyMemory<byte>, Task> deliver, CancellationToken stop)
    {
        byte[] chunk = ArrayPool<byte>.Shared.Rent(32 * 1024);
        try
        {
            int n;
            try
            {
                n = await ring.ReadAsync(fd, chunk, offset, stop);
            }
            catch (OperationCanceledException)
            {
                return 0;
            }

            await deliver(chunk.AsMemory(0, n));
            return n;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
