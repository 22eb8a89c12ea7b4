// The SocketCAN sender made right: the can_frame is built on the stack, then copied into an array that the ring pins for
// the whole send.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.StackMemory.CanFrameCopied;

public sealed unsafe class CanSender(IoRing ring, int canSocket)
{
    private const uint CAN_EFF_FLAG = 0x80000000;

    public ValueTask<int> SendAsync(uint canId, ReadOnlySpan<byte> data, CancellationToken ct)
    {
        byte* frame = stackalloc byte[16];
        new Span<byte>(frame, 16).Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(frame, 4), canId | CAN_EFF_FLAG);
        frame[4] = (byte)data.Length;
        data.CopyTo(new Span<byte>(frame + 8, 8));
        byte[] wire = new ReadOnlySpan<byte>(frame, 16).ToArray();
        return ring.SendAsync(canSocket, wire, MessageFlags.None, ct);
    }
}
