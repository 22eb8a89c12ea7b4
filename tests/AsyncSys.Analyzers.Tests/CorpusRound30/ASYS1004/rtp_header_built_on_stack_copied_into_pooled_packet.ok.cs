// An RTP sender builds the 12-byte header in stackalloc memory (cheap, no allocation) and copies it into the pooled
// packet array before sending; only the array goes to the ring, and it goes back to the pool after the send completes.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.StackMemory.RtpHeaderCopiedOut;

public sealed class RtpPacketSender(IoRing ring, int socketFd, uint ssrc)
{
    public async Task<int> SendAsync(ushort sequence, uint timestamp, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        byte[] packet = ArrayPool<byte>.Shared.Rent(12 + payload.Length);
        try
        {
            int length = Build(packet, sequence, timestamp, payload.Span);
            return await ring.SendAsync(socketFd, packet.AsMemory(0, length), MessageFlags.None, ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(packet);
        }
    }

    private int Build(byte[] packet, ushort sequence, uint timestamp, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[12];
        header[0] = 0x80;
        header[1] = 96;
        BinaryPrimitives.WriteUInt16BigEndian(header.Slice(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(header.Slice(8), ssrc);
        header.CopyTo(packet);
        payload.CopyTo(packet.AsSpan(12));
        return 12 + payload.Length;
    }
}
