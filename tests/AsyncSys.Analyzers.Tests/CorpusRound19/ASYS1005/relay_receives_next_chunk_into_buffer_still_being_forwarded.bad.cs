// A reverse proxy relays a client's request body to the backend with one pooled buffer. To overlap the two sockets it
// starts forwarding a chunk and, before that send finishes, receives the next chunk into the same buffer: the receive
// overwrites bytes the send has not pushed yet, and the backend gets a body spliced from two chunks. When that receive
// throws instead (client reset, cancellation), the finally hands the buffer back to the pool with the send still
// reading it (marked after the first run, which reported it: see the README).
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.InFlight.RelayOverlappedReceive;

public sealed class BodyRelay(IoRing ring, int clientFd, int backendFd)
{
    public async Task<long> RelayAsync(CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        long total = 0;
        try
        {
            int n = await ring.ReceiveAsync(clientFd, buffer, MessageFlags.None, ct);
            while (n > 0)
            {
                ValueTask<int> forward = ring.SendAsync(backendFd, buffer.AsMemory(0, n), MessageFlags.None, ct);
                int next = await ring.ReceiveAsync(clientFd, /*~ASYS1005*/buffer, MessageFlags.None, ct);
                total += await forward;
                n = next;
            }
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(buffer);
        }

        return total;
    }
}
