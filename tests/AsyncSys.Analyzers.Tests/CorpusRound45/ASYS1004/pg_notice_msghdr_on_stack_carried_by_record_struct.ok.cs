// A Postgres-wire server keeps its sendmsg header and iovec in native memory the sender owns, carries the header's address in a positional record struct, and returns the ring send made from the record's properties.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.PgNoticeOk;

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

internal sealed unsafe class PgNoticeSender : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _socket;
    private readonly byte[] _notice = GC.AllocateArray<byte>(256, pinned: true);
    private readonly MsgHdr* _header;
    private readonly IoVec* _vector;

    public PgNoticeSender(IoRing ring, int socket)
    {
        _ring = ring;
        _socket = socket;
        _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        _vector = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
    }

    public ValueTask<int> SendNotice(int length)
    {
        _vector->Base = (nint)Unsafe.AsPointer(ref _notice[0]);
        _vector->Length = (nuint)length;
        _header->Iov = (nint)_vector;
        _header->IovLength = 1;
        var send = new PreparedSend(_socket, (nint)_header, 0);
        return _ring.SubmitAsync(RingRequest.SendMsg(send.Socket, send.Header, send.Flags));
    }

    public void Dispose()
    {
        NativeMemory.Free(_header);
        NativeMemory.Free(_vector);
    }
}
