// An RTP pacer sends a frame's packets from a ring of reusable packet slots. After starting the send of the frame's
// last packet it sets the RTP marker bit in that slot, then awaits the send. The kernel may already have copied the
// packet: the marker bit is missing, the receiver's jitter buffer never sees the end of the frame and renders it late.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.InFlight.RtpMarkerBitAfterSend;

public sealed class RtpPacer(IoRing ring, int socketFd)
{
    private readonly byte[][] _slots = CreateSlots(8, 1500);

    public async Task SendFrameAsync(IReadOnlyList<ReadOnlyMemory<byte>> payloads, ushort firstSequence, TimeSpan gap, CancellationToken ct)
    {
        for (int i = 0; i < payloads.Count; i++)
        {
            byte[] slot = _slots[i % _slots.Length];
            int length = Packetize(slot, (ushort)(firstSequence + i), payloads[i].Span);
            ValueTask<int> send = ring.SendAsync(socketFd, slot.AsMemory(0, length), MessageFlags.None, ct);
            if (i == payloads.Count - 1)
            {
                /*~ASYS1005*/slot[1] |= 0x80;
            }

            await send;
            await ring.DelayAsync(gap, ct);
        }
    }

    private static int Packetize(byte[] slot, ushort sequence, ReadOnlySpan<byte> payload)
    {
        slot[0] = 0x80;
        slot[1] = 96;
        slot[2] = (byte)(sequence >> 8);
        slot[3] = (byte)sequence;
        payload.CopyTo(slot.AsSpan(12));
        return 12 + payload.Length;
    }

    private static byte[][] CreateSlots(int count, int size)
    {
        var slots = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            slots[i] = new byte[size];
        }

        return slots;
    }
}
