// The reliable-UDP sendmsg, made right: the iovec array is native memory the channel allocated beside the header and
// frees only when the channel is disposed, after its sends are drained.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.StackMemory.ReliableUdpIovecNative;

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
    private readonly IoVec* _vectors = (IoVec*)NativeMemory.AllocZeroed((nuint)(2 * sizeof(IoVec)));

    public ValueTask<int> SendAsync(nint packetHeader, int headerLength, nint payload, int payloadLength)
    {
        _vectors[0] = new IoVec { Base = packetHeader, Length = (nuint)headerLength };
        _vectors[1] = new IoVec { Base = payload, Length = (nuint)payloadLength };
        _header->Iov = (nint)_vectors;
        _header->IovLength = 2;
        return ring.SubmitAsync(RingRequest.SendMsg(socketFd, (nint)_header, 0));
    }
}
