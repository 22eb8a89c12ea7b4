// A PostgreSQL-style client enforces its command timeout with a linked token that cancels after the timeout and is given
// to the receive itself. The await of the receive ends only when the kernel's completion has arrived (the reply, or
// ECANCELED), so the finally returns the pooled buffer after the receive is over.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.InFlight.PgTimeoutCancelsReceive;

public sealed class ReplyReader(IoRing ring, int fd)
{
    public async Task<int> ReadReplyAsync(TimeSpan commandTimeout, CancellationToken ct)
    {
        byte[] reply = ArrayPool<byte>.Shared.Rent(16 * 1024);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(commandTimeout);
        try
        {
            int n = await ring.ReceiveAsync(fd, reply, MessageFlags.None, timeout.Token);
            return n > 0 ? reply[0] : -1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(reply);
        }
    }
}
