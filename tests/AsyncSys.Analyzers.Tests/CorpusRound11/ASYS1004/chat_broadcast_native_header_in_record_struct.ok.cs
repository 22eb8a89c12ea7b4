// A chat server builds its msghdr and iovec in native memory the broadcaster owns, carries the header's address in a record struct "prepared send", and submits the sendmsg from that record.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round11.Stack.PreparedSendRecordOk;

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

/// <summary>One broadcast at a time: the caller awaits each before the next (the header and iovec are reused).</summary>
public sealed unsafe class ChatBroadcaster(IoRing ring) : IDisposable
{
    private readonly byte* _payload = (byte*)NativeMemory.Alloc(4096);
    private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));

    public ValueTask<int> BroadcastAsync(int socket, ReadOnlySpan<byte> frame)
    {
        frame.CopyTo(new Span<byte>(_payload, 4096));
        *_iov = new IoVec { Base = (nint)_payload, Length = (nuint)frame.Length };
        *_header = new MsgHdr { Iov = (nint)_iov, IovLength = 1 };
        PreparedSend send = new(socket, (nint)_header, frame.Length);
        return ring.SubmitAsync(RingRequest.SendMsg(send.Socket, send.Header, MessageFlags.NoSignal));
    }

    public void Dispose()
    {
        NativeMemory.Free(_header);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_payload);
    }
}
