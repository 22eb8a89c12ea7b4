// A PostgreSQL-style client enforces its command timeout with WaitAsync on the receive of the reply. On timeout the
// TimeoutException leaves through the finally, which returns the pooled reply buffer while the receive is still posted
// on the socket: when the late reply arrives, the kernel writes it into an array another query has rented since.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.InFlight.PgTimeoutWaitAsync;

public sealed class ReplyReader(IoRing ring, int fd)
{
    public async Task<int> ReadReplyAsync(TimeSpan commandTimeout, CancellationToken ct)
    {
        byte[] reply = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            Task<int> receive = ring.ReceiveAsync(fd, reply, MessageFlags.None, ct).AsTask();
            int n = await receive.WaitAsync(commandTimeout);
            return n > 0 ? reply[0] : -1;
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(reply);
        }
    }
}
