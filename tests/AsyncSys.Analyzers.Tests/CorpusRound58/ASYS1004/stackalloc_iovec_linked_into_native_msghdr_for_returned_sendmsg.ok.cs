// The vectored sender keeps its iovec array in the connection's native block next to the msghdr, so both outlive the returned SendMsg; they are freed in Dispose, after the connection's last send.
using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus58.StackIovecNativeHeaderOk;

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
    private readonly byte* _block = (byte*)NativeMemory.AllocZeroed((nuint)(sizeof(MsgHeader) + HeaderSize + 2 * sizeof(IoVec)));

    public ValueTask<int> SendFrame(byte* body, int length, uint kind)
    {
        MsgHeader* message = (MsgHeader*)_block;
        byte* header = _block + sizeof(MsgHeader);
        BinaryPrimitives.WriteUInt32BigEndian(new Span<byte>(header, 4), kind);
        BinaryPrimitives.WriteInt32BigEndian(new Span<byte>(header + 4, 4), length);

        IoVec* iov = (IoVec*)(_block + sizeof(MsgHeader) + HeaderSize);
        iov[0] = new IoVec { Base = (nint)header, Length = HeaderSize };
        iov[1] = new IoVec { Base = (nint)body, Length = (nuint)length };
        *message = new MsgHeader { Iov = (nint)iov, IovLength = 2 };
        return ring.SubmitAsync(RingRequest.SendMsg(socket, (nint)message, MessageFlags.None), CancellationToken.None);
    }

    public void Dispose() => NativeMemory.Free(_block);
}
