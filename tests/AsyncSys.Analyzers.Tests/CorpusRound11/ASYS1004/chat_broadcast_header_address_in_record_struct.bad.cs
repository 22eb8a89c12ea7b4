// A chat server builds a stack msghdr (and its iovec) for a broadcast, carries the header's address in a record struct "prepared send", and submits the sendmsg from that record.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round11.Stack.PreparedSendRecord;

[StructLayout(LayoutKind.Sequential)]
public struct IoVec
{
    public nint Base;
    public nuint Length;
}

[StructLayout(LayoutKind.Sequential)]
public struct MsgHdr
{
    public nint Name;
    public uint NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

public readonly record struct PreparedSend(int Socket, nint Header, int Length);

public sealed unsafe class ChatBroadcaster(IoRing ring) : IDisposable
{
    private readonly byte* _payload = (byte*)NativeMemory.Alloc(4096);

    /// <summary>Sends one chat frame; the frame bytes live in native memory the broadcaster owns.</summary>
    public ValueTask<int> BroadcastAsync(int socket, ReadOnlySpan<byte> frame)
    {
        frame.CopyTo(new Span<byte>(_payload, 4096));
        IoVec iov = new() { Base = (nint)_payload, Length = (nuint)frame.Length };
        MsgHdr header = new() { Iov = (nint)(&iov), IovLength = 1 };
        PreparedSend send = new(socket, (nint)(&header), frame.Length);
        return ring.SubmitAsync(RingRequest.SendMsg(send.Socket, /*~ASYS1004*/send.Header, MessageFlags.NoSignal));
    }

    public void Dispose() => NativeMemory.Free(_payload);
}
