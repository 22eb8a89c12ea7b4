// An RPC server's reply sender pins its reply array, made once on the pinned heap and kept in a readonly field, with fixed, and returns the sendmsg's task from inside the block: that array never moves.
using System;
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
    private readonly byte[] _reply = GC.AllocateArray<byte>(64 * 1024, pinned: true);

    public ReplySender(IoRing ring)
    {
        _ring = ring;
        _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
    }

    public ValueTask<int> SendReplyAsync(int socket, ReadOnlySpan<byte> reply)
    {
        reply.CopyTo(_reply);
        fixed (byte* p = _reply)
        {
            _iov->Base = (nint)p;
            _iov->Length = (nuint)reply.Length;
            _header->Iov = _iov;
            _header->IovLength = 1;
            return _ring.SubmitAsync(RingRequest.SendMsg(socket, (nint)_header, 0));
        }
    }
}
