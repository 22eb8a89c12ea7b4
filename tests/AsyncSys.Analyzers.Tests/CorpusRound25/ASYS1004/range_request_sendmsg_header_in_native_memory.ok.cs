// The same range request sender, with the iovecs and the msghdr in native memory owned by the connection and freed
// only when the connection is disposed, after its operations have completed.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round25.Stack.RangeRequestNativeHeader;

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

public sealed unsafe class RangeRequester(IoRing ring) : IDisposable
{
    private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed(2, (nuint)sizeof(IoVec));
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed(1, (nuint)sizeof(MsgHdr));

    public ValueTask<int> SendRangeRequest(int socketFd, nint prefix, int prefixLength, nint rangeLine, int rangeLength)
    {
        Fill(prefix, prefixLength, rangeLine, rangeLength);
        return ring.SubmitAsync(RingRequest.SendMsg(socketFd, (nint)_header, 0));
    }

    private void Fill(nint prefix, int prefixLength, nint rangeLine, int rangeLength)
    {
        _iov[0] = new IoVec { Base = prefix, Length = prefixLength };
        _iov[1] = new IoVec { Base = rangeLine, Length = rangeLength };
        _header->Iov = _iov;
        _header->IovLength = 2;
    }

    public void Dispose()
    {
        NativeMemory.Free(_iov);
        NativeMemory.Free(_header);
    }
}
