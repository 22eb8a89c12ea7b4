// A connection pool evicts idle PostgreSQL-style connections: it sends Terminate ('X'), awaits the send (a failure only
// means the server already went away), then closes the socket.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.Unobserved.PoolEvictionTerminateAwaited;

public sealed class IdleEvictor(IoRing ring)
{
    private static readonly byte[] Terminate = { (byte)'X', 0, 0, 0, 4 };

    public async Task EvictAsync(int fd, CancellationToken ct)
    {
        try
        {
            await ring.SendAsync(fd, Terminate, MessageFlags.NoSignal, ct);
        }
        catch (ErrnoException)
        {
        }

        await ring.CloseAsync(fd, ct);
    }
}
