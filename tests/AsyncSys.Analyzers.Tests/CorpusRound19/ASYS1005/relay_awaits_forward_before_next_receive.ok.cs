// The same body relay with the forward awaited before the buffer receives the next chunk.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.InFlight.RelaySequential;

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
                total += await forward;
                n = await ring.ReceiveAsync(clientFd, buffer, MessageFlags.None, ct);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return total;
    }
}
