// A PostgreSQL-style pipelined client sends Parse/Bind/Execute and the 5-byte Sync in one sendmsg(2) with two iovecs.
// The msghdr and the iovecs live in native memory the sender owns for its whole life (one send at a time, awaited by
// the caller before the next), so returning the send's ValueTask leaves nothing the kernel reads on the stack.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.StackMemory.PgPipelineMsgHdrNative;

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

public sealed unsafe class PipelineSender
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly byte* _sync;
    private readonly IoVec* _iov;
    private readonly MsgHdr* _header;

    public PipelineSender(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
        _sync = (byte*)NativeMemory.Alloc(5);
        _sync[0] = (byte)'S';
        _sync[1] = 0;
        _sync[2] = 0;
        _sync[3] = 0;
        _sync[4] = 4;
        _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)(2 * sizeof(IoVec)));
        _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
    }

    public ValueTask<int> SendBatchAsync(byte* batch, int length)
    {
        _iov[0] = new IoVec { Base = batch, Length = (nuint)length };
        _iov[1] = new IoVec { Base = _sync, Length = 5 };
        _header->Iov = _iov;
        _header->IovLength = 2;
        return _ring.SubmitAsync(RingRequest.SendMsg(_fd, (nint)_header, MessageFlags.None));
    }
}
