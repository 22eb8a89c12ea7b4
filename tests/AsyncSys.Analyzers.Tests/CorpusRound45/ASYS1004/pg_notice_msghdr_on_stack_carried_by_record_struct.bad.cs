// A Postgres-wire server builds a sendmsg header and its iovec on the stack, carries the header's address in a positional record struct, and returns the ring send made from the record's properties.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.PgNoticeBad;

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

internal readonly record struct PreparedSend(int Socket, nint Header, int Flags);

internal sealed unsafe class PgNoticeSender(IoRing ring, int socket)
{
    private readonly byte[] _notice = GC.AllocateArray<byte>(256, pinned: true);

    public ValueTask<int> SendNotice(int length)
    {
        IoVec vector = new() { Base = (nint)Unsafe.AsPointer(ref _notice[0]), Length = (nuint)length };
        MsgHdr header = new() { Iov = (nint)(&vector), IovLength = 1 };
        var send = new PreparedSend(socket, (nint)(&header), 0);
        return ring.SubmitAsync(RingRequest.SendMsg(send.Socket, /*~ASYS1004*/send.Header, send.Flags));
    }
}
