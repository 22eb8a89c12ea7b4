// A SocketCAN listener rents a 16-byte can_frame buffer from MemoryPool with a using declaration and returns the ring's
// receive task to its caller. The owner is disposed as the method returns, while the receive waits for the next frame on
// the bus: the frame is written into memory the pool has handed to someone else.
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.BufferInFlight.CanReceiveUsingDeclaration;

public sealed class CanListener(IoRing ring, int canSocket)
{
    public ValueTask<int> ReceiveFrameAsync(CancellationToken ct)
    {
        /*~ASYS1005*/using IMemoryOwner<byte> frame = MemoryPool<byte>.Shared.Rent(16);
        return ring.ReceiveAsync(canSocket, frame.Memory.Slice(0, 16), MessageFlags.None, ct);
    }
}
