// The vehicle gateway's frame sender, made right: the can_frame is still built on the stack, but its 16 bytes are
// copied into an array before the send starts; AsyncSys pins the array for the whole operation.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.StackMemory.CanFrameCopiedToArray;

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

public static class CanSender
{
    public static unsafe ValueTask<int> SendAsync(IoRing ring, int canFd, uint id, ReadOnlySpan<byte> payload)
    {
        CanFrame frame = default;
        frame.Id = id;
        frame.Length = (byte)Math.Min(payload.Length, 8);
        payload[..frame.Length].CopyTo(new Span<byte>(frame.Data, 8));
        byte[] wire = new byte[sizeof(CanFrame)];
        MemoryMarshal.Write(wire, in frame);
        return ring.SendAsync(canFd, wire);
    }
}
