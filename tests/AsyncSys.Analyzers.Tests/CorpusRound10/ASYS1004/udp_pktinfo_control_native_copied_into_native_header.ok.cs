using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.Stack.UdpPktInfoOk;

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVec
{
    public void* Base;
    public nuint Length;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MsgHdr
{
    public void* Name;
    public uint NameLength;
    public IoVec* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary>
/// A multi-homed UDP server (DNS-like) receives with IP_PKTINFO so it can answer from the address the query was sent
/// to. The msghdr, the iovec, the peer address, the cmsg buffer and the payload live in native memory the receiver
/// owns; the header is filled from a template per receive.
/// </summary>
internal sealed unsafe class PacketInfoReceiver : IDisposable
{
    private const int ControlSpace = 32;   // CMSG_SPACE(sizeof(struct in_pktinfo))
    private const int PayloadSize = 1500;

    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
    private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
    private readonly byte* _peer = (byte*)NativeMemory.AllocZeroed(128);
    private readonly byte* _control = (byte*)NativeMemory.AllocZeroed(ControlSpace);
    private readonly byte* _payload = (byte*)NativeMemory.AllocZeroed(PayloadSize);

    public ReadOnlySpan<byte> Payload(int length) => new(_payload, length);

    public ValueTask<int> ReceiveAsync(IoRing ring, int fd)
    {
        _iov->Base = _payload;
        _iov->Length = PayloadSize;
        MsgHdr template = new()
        {
            Name = _peer,
            NameLength = 128,
            Iov = _iov,
            IovLength = 1,
            Control = _control,
            ControlLength = ControlSpace,
        };
        *_header = template;   // every pointer in it is native memory this object owns
        return ring.SubmitAsync(RingRequest.RecvMsg(fd, (nint)_header, MessageFlags.None));
    }

    public void Dispose()
    {
        NativeMemory.Free(_header);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_peer);
        NativeMemory.Free(_control);
        NativeMemory.Free(_payload);
    }
}
