// A download-group worker rents its receive buffer, starts the receive, then waits for the host's rate limiter before
// consuming the result. When the group is cancelled the limiter's WaitAsync throws, and the finally returns the buffer
// to the pool while the receive is still pending: another download rents the array and the kernel writes this
// connection's bytes into it.
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round25.InFlight.GroupCancelReturnsBuffer;

public sealed class GroupWorker(IoRing ring, SemaphoreSlim hostLimiter)
{
    public async Task<int> ReceiveThrottledAsync(int socketFd, CancellationToken groupCancelled)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(64 * 1024);
        ValueTask<int> receive = ring.ReceiveAsync(socketFd, rented, MessageFlags.None, groupCancelled);
        try
        {
            await hostLimiter.WaitAsync(groupCancelled);
            int n = await receive;
            hostLimiter.Release();
            return n;
        }
        finally
        {
            ArrayPool<byte>.Shared./*~ASYS1005*/Return(rented);
        }
    }
}
