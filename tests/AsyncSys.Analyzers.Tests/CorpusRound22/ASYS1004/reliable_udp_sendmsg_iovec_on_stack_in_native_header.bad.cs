// A reliable-UDP layer sends header + payload with sendmsg: the msghdr lives in native memory the channel owns, but the
// two-element iovec array is a stackalloc of the send method, stored into the header before the returned sendmsg.
// When the socket buffer is full the kernel gathers the datagram after the frame is gone and sends garbage lengths
// (EFAULT, or a corrupt packet the peer drops and NAKs forever).
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.StackMemory.ReliableUdpIovecOnStack;

[StructLayout(LayoutKind.Sequential)]
internal struct MsgHdr
{
    public nint Name;
    public uint NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

[StructLayout(LayoutKind.Sequential)]
internal struct IoVec
{
    public nint Base;
    public nuint Length;
}

public sealed unsafe class ReliableChannel(IoRing ring, int socketFd)
{
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));

    public ValueTask<int> SendAsync(nint packetHeader, int headerLength, nint payload, int payloadLength)
    {
        IoVec* vectors = stackalloc IoVec[2];
        vectors[0] = new IoVec { Base = packetHeader, Length = (nuint)headerLength };
        vectors[1] = new IoVec { Base = payload, Length = (nuint)payloadLength };
        _header->Iov = (nint)vectors;
        _header->IovLength = 2;
        return ring.SubmitAsync(RingRequest.SendMsg(socketFd, /*~ASYS1004*/(nint)_header, 0));
    }
}
