// The SocketCAN listener made right: it awaits the receive inside the owner's scope and copies the frame out before
// the owner goes back to the pool.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.BufferInFlight.CanReceiveAwaited;

public sealed class CanListener(IoRing ring, int canSocket)
{
    public async ValueTask<byte[]> ReceiveFrameAsync(CancellationToken ct)
    {
        using IMemoryOwner<byte> frame = MemoryPool<byte>.Shared.Rent(16);
        int n = await ring.ReceiveAsync(canSocket, frame.Memory.Slice(0, 16), MessageFlags.None, ct);
        return frame.Memory.Span.Slice(0, n).ToArray();
    }
}
