// An RPC server writes each response as [length][call id][body] into memory rented from MemoryPool and returns the
// ring's send task to the dispatcher. The rented block sits in a using declaration, so it goes back to the pool as the
// method returns, while the send may still be reading it: the next response rents the same block and the client
// receives another call's bytes under this call id.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.InFlight.RpcResponseOwnerUsing;

public sealed class ResponseWriter(IoRing ring)
{
    public ValueTask<int> WriteResponseAsync(int socketFd, uint callId, ReadOnlySpan<byte> body, CancellationToken ct)
    {
        int length = 8 + body.Length;
        /*~ASYS1005*/using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(length);
        Span<byte> frame = owner.Memory.Span;
        BinaryPrimitives.WriteInt32BigEndian(frame, 4 + body.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame[4..], callId);
        body.CopyTo(frame[8..]);
        return ring.SendAsync(socketFd, owner.Memory[..length], MessageFlags.None, ct);
    }
}
