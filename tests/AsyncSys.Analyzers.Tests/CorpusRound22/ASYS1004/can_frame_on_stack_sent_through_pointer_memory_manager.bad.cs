// A vehicle gateway builds a SocketCAN can_frame on the stack and, to avoid an allocation per frame, wraps its address
// in a small pointer MemoryManager and returns the ring send. When the CAN socket's queue is full the send completes
// later, after this frame is gone: the kernel copies whatever the next call left in that stack slot, and a wrong
// arbitration id or payload goes out on the bus.
using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.StackMemory.CanFrameMemoryManager;

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct CanFrame
{
    public uint Id;
    public byte Length;
    public byte Pad;
    public byte Reserved0;
    public byte Reserved1;
    public fixed byte Data[8];
}

internal sealed unsafe class UnmanagedBytes(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

public static class CanSender
{
    public static unsafe ValueTask<int> SendAsync(IoRing ring, int canFd, uint id, ReadOnlySpan<byte> payload)
    {
        CanFrame frame = default;
        frame.Id = id;
        frame.Length = (byte)Math.Min(payload.Length, 8);
        payload[..frame.Length].CopyTo(new Span<byte>(frame.Data, 8));
        var manager = new UnmanagedBytes((byte*)&frame, sizeof(CanFrame));
        return ring.SendAsync(canFd, /*~ASYS1004*/manager.Memory);
    }
}
