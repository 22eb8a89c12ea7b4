// The gather sender made right: the msghdr lives in native memory the sender owns beside its iovec, so it outlives the
// method that submits the sendmsg; the caller awaits one frame before sending the next.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.StackMemory.GatherSendMsgHeaderNative;

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
    private readonly MsgHdr* _message = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));

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
        _message->Iov = _iov;
        _message->IovLength = 2;
        return _ring.SubmitAsync(RingRequest.SendMsg(_socketFd, (nint)_message, MessageFlags.None));
    }

    public void Dispose()
    {
        NativeMemory.Free(_message);
        NativeMemory.Free(_iov);
    }
}
