// The same writer allocates the iovecs beside the header in native memory; both outlive the send, which the caller
// awaits before the next response or Dispose.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.StackMemory.ResponseHeadNativeIovecs;

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
    private readonly IoVec* _iovecs = (IoVec*)NativeMemory.AllocZeroed((nuint)(2 * sizeof(IoVec)));

    public ValueTask<int> SendAsync(IoRing ring, int socketFd, byte* head, int headLength, byte* body, int bodyLength)
    {
        _iovecs[0] = new IoVec { Base = (nint)head, Length = (nuint)headLength };
        _iovecs[1] = new IoVec { Base = (nint)body, Length = (nuint)bodyLength };
        _header->Iov = (nint)_iovecs;
        _header->IovLength = 2;
        return ring.SubmitAsync(RingRequest.SendMsg(socketFd, (nint)_header, 0));
    }

    public void Dispose()
    {
        NativeMemory.Free(_iovecs);
        NativeMemory.Free(_header);
    }
}
