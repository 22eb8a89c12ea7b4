// The same receive loop, with the chunk allocated once on the pinned object heap (GC.AllocateArray pinned) in a readonly
// field: the `fixed` only takes its address; the array never moves, so the operation may outlive the block.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round25.Stack.RangeRecvmsgPinned;

[StructLayout(LayoutKind.Sequential)]
internal struct IoVec
{
    public nint Base;
    public nint Length;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MsgHdr
{
    public nint Name;
    public int NameLength;
    public IoVec* Iov;
    public nint IovLength;
    public nint Control;
    public nint ControlLength;
    public int Flags;
}

public sealed unsafe class RangeBodyReceiver(IoRing ring)
{
    private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed(1, (nuint)sizeof(IoVec));
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed(1, (nuint)sizeof(MsgHdr));
    private readonly byte[] _chunk = GC.AllocateArray<byte>(256 * 1024, pinned: true);

    public ValueTask<int> ReceiveChunk(int socketFd)
    {
        fixed (byte* body = _chunk)
        {
            _iov->Base = (nint)body;
            _iov->Length = _chunk.Length;
            _header->Iov = _iov;
            _header->IovLength = 1;
            return ring.SubmitAsync(RingRequest.RecvMsg(socketFd, (nint)_header, 0));
        }
    }
}
