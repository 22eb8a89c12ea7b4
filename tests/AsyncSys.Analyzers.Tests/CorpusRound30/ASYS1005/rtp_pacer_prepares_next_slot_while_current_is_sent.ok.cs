// An RTP pacer pipelines its ring of packet slots: while one slot's send is in flight it packetizes the next payload
// into the next slot (a different array of the ring), then awaits the send and the pacing gap. The slot being sent is
// not touched until its send completes.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.InFlight.RtpPipelinedSlots;

public sealed class RtpPacer(IoRing ring, int socketFd)
{
    private readonly byte[][] _slots = CreateSlots(8, 1500);

    public async Task SendFrameAsync(IReadOnlyList<ReadOnlyMemory<byte>> payloads, ushort firstSequence, TimeSpan gap, CancellationToken ct)
    {
        if (payloads.Count == 0)
        {
            return;
        }

        byte[] current = _slots[0];
        int length = Packetize(current, firstSequence, payloads[0].Span, payloads.Count == 1);
        for (int i = 0; i < payloads.Count; i++)
        {
            ValueTask<int> send = ring.SendAsync(socketFd, current.AsMemory(0, length), MessageFlags.None, ct);
            byte[] next = _slots[(i + 1) % _slots.Length];
            int nextLength = i + 1 < payloads.Count
                ? Packetize(next, (ushort)(firstSequence + i + 1), payloads[i + 1].Span, i + 2 == payloads.Count)
                : 0;
            await send;
            await ring.DelayAsync(gap, ct);
            current = next;
            length = nextLength;
        }
    }

    private static int Packetize(byte[] slot, ushort sequence, ReadOnlySpan<byte> payload, bool lastOfFrame)
    {
        slot[0] = 0x80;
        slot[1] = (byte)(lastOfFrame ? 0x80 | 96 : 96);
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
