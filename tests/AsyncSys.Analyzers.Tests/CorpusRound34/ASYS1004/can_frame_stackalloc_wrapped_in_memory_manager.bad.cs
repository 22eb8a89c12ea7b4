// A SocketCAN sender formats a 16-byte can_frame in stackalloc'd memory, wraps it in a pointer MemoryManager to get a
// Memory<byte>, and returns the ring's send task. When the socket's queue is full (ENOBUFS back-pressure) the send runs
// after the frame is gone, and the bus carries another call's stack bytes as the CAN id and payload.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.StackMemory.CanFrameStackalloc;

internal sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);
    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
    public override void Unpin() { }
    protected override void Dispose(bool disposing) { }
}

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
        var manager = new PointerMemory(frame, 16);
        return ring.SendAsync(canSocket, /*~ASYS1004*/manager.Memory, MessageFlags.None, ct);
    }
}
