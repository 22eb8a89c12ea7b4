using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Stack.LocalHeader;

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

internal static class Receiver
{
    public static unsafe ValueTask<int> ReceiveInto(IoRing ring, int fd, nint iovecs, int count)
    {
        MsgHdr message = new() { Iov = iovecs, IovLength = (nuint)count };
        ValueTask<int> receive = ring.SubmitAsync(RingRequest.RecvMsg(fd, /*~ASYS1004*/new IntPtr(&message), 0));
        return receive;
    }
}
