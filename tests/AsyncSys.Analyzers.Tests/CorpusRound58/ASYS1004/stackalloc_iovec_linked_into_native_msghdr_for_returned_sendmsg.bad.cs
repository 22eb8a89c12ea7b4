// A vectored sender gathers a frame's header and body with sendmsg. Its msghdr lives in the connection's native block, but the two-entry iovec array is built with stackalloc in the method, linked into the native msghdr and the SendMsg task returned: the frame is gone (and the next call's stack reuses it) while the kernel still walks the iovecs.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.StackIovecNativeHeaderBad;

internal struct IoVec
{
    public nint Base;
    public nuint Length;
}

internal struct MsgHeader
{
    public nint Name;
    public int NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

internal sealed unsafe class GatherSender(IoRing ring, int socket) : IDisposable
{
    private const int HeaderSize = 8;

    // The connection's native memory: the msghdr, then the frame header.
    private readonly byte* _block = (byte*)NativeMemory.AllocZeroed((nuint)(sizeof(MsgHeader) + HeaderSize));

    public ValueTask<int> SendFrame(byte* body, int length, uint kind)
    {
        MsgHeader* message = (MsgHeader*)_block;
        byte* header = _block + sizeof(MsgHeader);
        BinaryPrimitives.WriteUInt32BigEndian(new Span<byte>(header, 4), kind);
        BinaryPrimitives.WriteInt32BigEndian(new Span<byte>(header + 4, 4), length);

        IoVec* iov = stackalloc IoVec[2];
        iov[0] = new IoVec { Base = (nint)header, Length = HeaderSize };
        iov[1] = new IoVec { Base = (nint)body, Length = (nuint)length };
        *message = new MsgHeader { Iov = (nint)iov, IovLength = 2 };
        return ring.SubmitAsync(RingRequest.SendMsg(socket, /*~ASYS1004*/(nint)message, MessageFlags.None), CancellationToken.None);
    }

    public void Dispose() => NativeMemory.Free(_block);
}
