// A web backend's static-file middleware sends the response head and the first body bytes in one sendmsg. Its msghdr
// lives in native memory, but the two iovecs are a stackalloc'd Span<IoVec>, whose address it takes with
// Unsafe.AsPointer(ref MemoryMarshal.GetReference(...)) and stores in the header before returning the ring's task.
// When the socket is slow the send runs after the frame is gone: the kernel reads iovecs from a reused stack and sends
// garbage lengths or faults with EFAULT, and the client sees a truncated or corrupt response.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.StackMemory.ResponseHeadStackIovecs;

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

public sealed unsafe class ResponseHeadWriter : IDisposable
{
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));

    public ValueTask<int> SendAsync(IoRing ring, int socketFd, byte* head, int headLength, byte* body, int bodyLength)
    {
        Span<IoVec> iovecs = stackalloc IoVec[2];
        iovecs[0] = new IoVec { Base = (nint)head, Length = (nuint)headLength };
        iovecs[1] = new IoVec { Base = (nint)body, Length = (nuint)bodyLength };
        /*~ASYS1004*/_header->Iov = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(iovecs));
        _header->IovLength = 2;
        return ring.SubmitAsync(RingRequest.SendMsg(socketFd, (nint)_header, 0));
    }

    public void Dispose() => NativeMemory.Free(_header);
}
