// The same download-group worker, waiting for the host's rate limiter before it starts the receive: the finally only
// ever runs once the receive has completed (or was never started), so the buffer goes back to the pool unused.
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round25.InFlight.GroupCancelLimiterFirst;

public sealed class GroupWorker(IoRing ring, SemaphoreSlim hostLimiter)
{
    public async Task<int> ReceiveThrottledAsync(int socketFd, CancellationToken groupCancelled)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            await hostLimiter.WaitAsync(groupCancelled);
            try
            {
                return await ring.ReceiveAsync(socketFd, rented, MessageFlags.None, groupCancelled);
            }
            finally
            {
                hostLimiter.Release();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
