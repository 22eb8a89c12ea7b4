// A downloader sends the HTTP range request line and headers with sendmsg, gathering the prebuilt request prefix and
// the "Range: bytes=a-b" line from two iovecs. The iovec array and the msghdr are locals of a method that returns the
// submitted operation without waiting for it: the frame is gone when the ring reads the header, and the kernel sends
// whatever the next call left on the stack (or fails with EFAULT).
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round25.Stack.RangeRequestSendmsg;

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

public sealed unsafe class RangeRequester(IoRing ring)
{
    public ValueTask<int> SendRangeRequest(int socketFd, byte* prefix, int prefixLength, byte* rangeLine, int rangeLength)
    {
        IoVec* iov = stackalloc IoVec[2];
        iov[0] = new IoVec { Base = (nint)prefix, Length = prefixLength };
        iov[1] = new IoVec { Base = (nint)rangeLine, Length = rangeLength };
        MsgHdr header = default;
        header.Iov = iov;
        header.IovLength = 2;
        return ring.SubmitAsync(/*~ASYS1004*/RingRequest.SendMsg(socketFd, (nint)(&header), 0));
    }
}
