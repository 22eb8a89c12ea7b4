// A leader ships record batches to a follower with sendmsg: the msghdr lives in native memory, but the two iovecs
// (batch header, records) are stackalloc'ed and their address stored in the header before the ring's task is
// returned. When the follower's socket is full the send runs after the frame is gone and the kernel reads the iovecs
// from a reused stack slot: the follower receives bytes from random memory and its log diverges.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.StackMemory.ReplicaIovecsOnStack;

[StructLayout(LayoutKind.Sequential)]
internal struct IoVec
{
    public nint Base;
    public nuint Length;
}

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

public sealed unsafe class ReplicaShipper(IoRing ring)
{
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));

    public ValueTask<int> ShipAsync(int followerFd, nint batchHeader, nuint headerLength, nint records, nuint recordsLength)
    {
        IoVec* iov = stackalloc IoVec[2];
        iov[0] = new IoVec { Base = batchHeader, Length = headerLength };
        iov[1] = new IoVec { Base = records, Length = recordsLength };
        _header->Iov = (nint)iov;
        _header->IovLength = 2;
        return /*~ASYS1004*/ring.SubmitAsync(RingRequest.SendMsg(followerFd, (nint)_header, 0));
    }
}
