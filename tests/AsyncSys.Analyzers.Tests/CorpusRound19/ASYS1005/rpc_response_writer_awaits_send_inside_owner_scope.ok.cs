// The same response writer as an async method that awaits the send before the using declaration's scope ends: the
// rented block goes back to the pool only after the kernel is done with it.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.InFlight.RpcResponseOwnerAwaited;

public sealed class ResponseWriter(IoRing ring)
{
    public async ValueTask<int> WriteResponseAsync(int socketFd, uint callId, ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        int length = 8 + body.Length;
        using IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(length);
        Fill(owner.Memory.Span, callId, body.Span);
        return await ring.SendAsync(socketFd, owner.Memory[..length], MessageFlags.None, ct);
    }

    private static void Fill(Span<byte> frame, uint callId, ReadOnlySpan<byte> body)
    {
        BinaryPrimitives.WriteInt32BigEndian(frame, 4 + body.Length);
        BinaryPrimitives.WriteUInt32BigEndian(frame[4..], callId);
        body.CopyTo(frame[8..]);
    }
}
