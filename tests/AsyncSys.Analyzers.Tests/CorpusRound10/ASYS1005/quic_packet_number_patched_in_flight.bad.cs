using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.InFlight.QuicPacketNumber;

/// <summary>
/// A QUIC-like sender over a connected UDP socket. A packet that carries retransmittable frames is kept as the
/// candidate for a probe timeout; the candidate needs a fresh packet number, which lives in the first 4 bytes.
/// </summary>
internal sealed class PacketSender(IoRing ring, int fd)
{
    private uint _nextPacketNumber = 1;

    public async ValueTask<int> SendAsync(byte[] packet, int length, bool retransmittable, CancellationToken cancellationToken)
    {
        BinaryPrimitives.WriteUInt32BigEndian(packet, _nextPacketNumber++);
        ValueTask<int> send = ring.SendAsync(fd, packet.AsMemory(0, length), MessageFlags.None, cancellationToken);
        if (retransmittable)
        {
            // Prepare the probe copy in place: the header the kernel is still copying gets the next number.
            /*~ASYS1005*/MemoryMarshal.Cast<byte, uint>(packet.AsSpan(0, 4))[0] = BinaryPrimitives.ReverseEndianness(_nextPacketNumber++);
        }

        return await send;
    }
}
