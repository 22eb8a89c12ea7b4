// A framed writer sends header and payload in one sendmsg with a two-entry iovec the writer keeps in native memory, but
// builds the msghdr itself as a local and returns the submit's task. The msghdr dies with the frame: the kernel reads
// msg_iov and msg_iovlen from reused stack memory when the send runs, sending garbage or faulting.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.StackMemory.GatherSendMsgHeaderOnStack;

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

public sealed unsafe class GatherFrameSender : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _socketFd;
    private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed(2, (nuint)sizeof(IoVec));

    public GatherFrameSender(IoRing ring, int socketFd)
    {
        _ring = ring;
        _socketFd = socketFd;
    }

    /// <summary>Sends a frame whose header and payload are in native memory the caller keeps until the task ends.</summary>
    public ValueTask<int> SendFrameAsync(byte* header, int headerLength, byte* payload, int payloadLength)
    {
        _iov[0] = new IoVec { Base = header, Length = (nuint)headerLength };
        _iov[1] = new IoVec { Base = payload, Length = (nuint)payloadLength };
        MsgHdr message = default;
        message.Iov = _iov;
        message.IovLength = 2;
        return _ring.SubmitAsync(RingRequest.SendMsg(_socketFd, /*~ASYS1004*/(nint)(&message), MessageFlags.None));
    }

    public void Dispose() => NativeMemory.Free(_iov);
}
