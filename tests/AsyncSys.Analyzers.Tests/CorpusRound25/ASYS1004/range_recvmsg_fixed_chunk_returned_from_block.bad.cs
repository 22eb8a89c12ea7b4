// A receive loop reads a range's body with recvmsg into the chunk array, pinned with `fixed` while the iovec in the
// connection's native msghdr is pointed at it; the submitted operation is returned out of the `fixed` block without
// being awaited there. The pin ends at the brace while the kernel is still to copy the body: after a GC compaction the
// bytes land in whatever object moved into that address, and the range written to disk is garbage.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round25.Stack.RangeRecvmsgFixed;

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
    private readonly byte[] _chunk = new byte[256 * 1024];

    public ValueTask<int> ReceiveChunk(int socketFd)
    {
        fixed (byte* body = _chunk)
        {
            _iov->Base = (nint)body;
            _iov->Length = _chunk.Length;
            _header->Iov = _iov;
            _header->IovLength = 1;
            return ring.SubmitAsync(/*~ASYS1004*/RingRequest.RecvMsg(socketFd, (nint)_header, 0));
        }
    }
}
