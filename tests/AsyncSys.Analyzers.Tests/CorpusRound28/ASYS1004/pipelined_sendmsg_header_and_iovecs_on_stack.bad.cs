// A pipelining writer gathers the queued commands' header and body (native buffers the connection owns) into one
// sendmsg with two iovecs. The iovec array is stackalloc'd and the msghdr is a local; the send is returned without
// being awaited, so when the ring submits it the kernel reads the msghdr and iovecs from a dead frame (garbage
// lengths and addresses: EFAULT, or the wrong bytes sent to the server mid-pipeline).
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.Stack.PipelinedSendMsgOnStack;

[StructLayout(LayoutKind.Sequential)]
public struct IoVec
{
    public nint Base;
    public nuint Length;
}

[StructLayout(LayoutKind.Sequential)]
public struct MsgHdr
{
    public nint Name;
    public uint NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

public sealed unsafe class PipelineWriter(IoRing ring, int fd, byte* header, byte* body)
{
    public ValueTask<int> Flush(int headerLength, int bodyLength, CancellationToken ct)
    {
        IoVec* iov = stackalloc IoVec[2];
        iov[0] = new IoVec { Base = (nint)header, Length = (nuint)headerLength };
        iov[1] = new IoVec { Base = (nint)body, Length = (nuint)bodyLength };
        MsgHdr message = default;
        message.Iov = (nint)iov;
        message.IovLength = 2;
        return ring.SubmitAsync(RingRequest.SendMsg(fd, /*~ASYS1004*/(nint)(&message), MessageFlags.NoSignal), ct);
    }
}
