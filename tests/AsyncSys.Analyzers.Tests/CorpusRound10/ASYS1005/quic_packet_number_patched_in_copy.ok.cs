using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.InFlight.QuicPacketNumberOk;

/// <summary>
/// A QUIC-like sender over a connected UDP socket. A packet that carries retransmittable frames is kept as the
/// candidate for a probe timeout; the candidate needs a fresh packet number, which lives in the first 4 bytes.
/// </summary>
internal sealed class PacketSender(IoRing ring, int fd)
{
    private readonly byte[] _probeCandidate = new byte[1500];
    private uint _nextPacketNumber = 1;

    public async ValueTask<int> SendAsync(byte[] packet, int length, bool retransmittable, CancellationToken cancellationToken)
    {
        BinaryPrimitives.WriteUInt32BigEndian(packet, _nextPacketNumber++);
        ValueTask<int> send = ring.SendAsync(fd, packet.AsMemory(0, length), MessageFlags.None, cancellationToken);
        if (retransmittable)
        {
            // The probe copy is made from the bytes in flight (only read) and patched in its own array.
            packet.AsSpan(0, length).CopyTo(_probeCandidate);
            MemoryMarshal.Cast<byte, uint>(_probeCandidate.AsSpan(0, 4))[0] = BinaryPrimitives.ReverseEndianness(_nextPacketNumber++);
        }

        return await send;
    }
}
