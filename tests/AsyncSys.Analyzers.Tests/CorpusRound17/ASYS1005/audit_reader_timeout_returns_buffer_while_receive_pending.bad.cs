// An audit reader waits for the next netlink batch with a timeout: it races the ring receive (as a Task) against
// Task.Delay and, when the delay wins, returns the pooled buffer and reports "idle". The receive is still pending and
// later writes an audit batch into a buffer the pool has handed to someone else; that batch is also lost to the agent.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.InFlight.AuditTimeoutReturnsBuffer;

public sealed class AuditBatchReader(IoRing ring, int auditFd)
{
    public async Task<byte[]?> NextBatchAsync(TimeSpan idle, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(8192);
        ValueTask<int> receive = ring.ReceiveAsync(auditFd, buffer, MessageFlags.None, ct);
        Task<int> pending = receive.AsTask();
        if (await Task.WhenAny(pending, Task.Delay(idle, ct)) != pending)
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
            return null;
        }

        int n = await pending;
        byte[] batch = buffer.AsSpan(0, n).ToArray();
        ArrayPool<byte>.Shared.Return(buffer);
        return batch;
    }
}
