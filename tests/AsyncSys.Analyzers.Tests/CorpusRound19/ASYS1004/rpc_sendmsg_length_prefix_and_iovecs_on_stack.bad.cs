// An RPC client sends a frame as [4-byte big-endian length][payload] with one sendmsg and two iovecs, to avoid copying
// the payload. The msghdr is native memory the connection owns, but the length prefix and the iovec array are
// stackalloc'd, and the iovec address is stored in the header before the ring's task is returned. When the send
// queues, the kernel reads the iovecs after this frame is gone: a wrong length or a wild pointer goes out, and the
// server drops the connection or answers the wrong call.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.StackMemory.RpcSendmsgStackIovec;

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

[StructLayout(LayoutKind.Sequential)]
internal struct Iovec
{
    public nint Base;
    public nuint Length;
}

public sealed unsafe class FrameSender : IDisposable
{
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));

    /// <summary>Sends a payload that lives in native memory the caller keeps until the send completes.</summary>
    public ValueTask<int> SendFrameAsync(IoRing ring, int socketFd, nint payload, int length)
    {
        byte* prefix = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(new Span<byte>(prefix, 4), length);
        Iovec* iov = stackalloc Iovec[2];
        iov[0] = new Iovec { Base = (nint)prefix, Length = 4 };
        iov[1] = new Iovec { Base = payload, Length = (nuint)length };
        _header->Iov = (nint)iov;
        _header->IovLength = 2;
        return ring.SubmitAsync(RingRequest.SendMsg(socketFd, /*~ASYS1004*/(nint)_header, MessageFlags.None));
    }

    public void Dispose() => NativeMemory.Free(_header);
}
