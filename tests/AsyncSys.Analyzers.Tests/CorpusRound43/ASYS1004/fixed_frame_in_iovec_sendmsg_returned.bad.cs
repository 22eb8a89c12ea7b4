// An RPC server's reply sender pins the reply array with fixed, stores the pointer in the iovec of a native msghdr and returns the sendmsg's task from inside the block: the pin ends before the kernel reads the reply.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Rpc.Transport;

[StructLayout(LayoutKind.Sequential)]
internal struct IoVec
{
    public nint Base;
    public nuint Length;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MsgHdr
{
    public nint Name;
    public uint NameLength;
    public IoVec* Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

public sealed unsafe class ReplySender
{
    private readonly IoRing _ring;
    private readonly MsgHdr* _header;
    private readonly IoVec* _iov;

    public ReplySender(IoRing ring)
    {
        _ring = ring;
        _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
    }

    public ValueTask<int> SendReplyAsync(int socket, byte[] reply, int length)
    {
        fixed (byte* p = reply)
        {
            _iov->Base = (nint)p;
            _iov->Length = (nuint)length;
            _header->Iov = _iov;
            _header->IovLength = 1;
            return _ring.SubmitAsync(RingRequest.SendMsg(socket, /*~ASYS1004*/(nint)_header, 0));
        }
    }
}
