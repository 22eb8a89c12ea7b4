// A connection pool evicts idle PostgreSQL-style connections: it sends Terminate ('X') and closes the socket. The send's
// ValueTask is dropped: a failed send is never seen, and the close is awaited while the send may still be running, so
// the server logs "unexpected EOF on client connection" instead of a clean disconnect.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.Unobserved.PoolEvictionTerminateDropped;

public sealed class IdleEvictor(IoRing ring)
{
    private static readonly byte[] Terminate = { (byte)'X', 0, 0, 0, 4 };

    public async Task EvictAsync(int fd, CancellationToken ct)
    {
        /*~ASYS1006*/ring.SendAsync(fd, Terminate, MessageFlags.NoSignal, ct);
        await ring.CloseAsync(fd, ct);
    }
}
