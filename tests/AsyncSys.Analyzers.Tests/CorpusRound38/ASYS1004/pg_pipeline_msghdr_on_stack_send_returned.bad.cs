// A PostgreSQL-style pipelined client sends Parse/Bind/Execute and the 5-byte Sync in one sendmsg(2) with two iovecs.
// The msghdr and the iovec array live on the stack of a method that returns the send's ValueTask without awaiting it:
// when the kernel reads the msghdr (at once, or later when the socket buffer was full and the op waits), this frame is
// gone and it reads whatever the caller's next calls put there: a garbage iovec, EFAULT, or bytes from elsewhere.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.StackMemory.PgPipelineMsgHdrOnStack;

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
    }

    public ValueTask<int> SendBatchAsync(byte* batch, int length)
    {
        IoVec* iov = stackalloc IoVec[2];
        iov[0] = new IoVec { Base = batch, Length = (nuint)length };
        iov[1] = new IoVec { Base = _sync, Length = 5 };
        MsgHdr header = default;
        header.Iov = iov;
        header.IovLength = 2;
        return _ring.SubmitAsync(RingRequest.SendMsg(_fd, /*~ASYS1004*/(nint)(&header), MessageFlags.None));
    }
}
