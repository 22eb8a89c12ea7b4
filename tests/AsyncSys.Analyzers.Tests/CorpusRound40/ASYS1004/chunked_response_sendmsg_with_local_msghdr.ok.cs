// A chunked response sends the chunk-size line, the chunk and its CRLF with one sendmsg; the msghdr and the iovecs both live in native memory the writer owns, linked once in the constructor.
using System;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace ChunkedResponses;

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

internal sealed unsafe class ChunkWriter : IDisposable
{
    private readonly IoRing _ring;
    private readonly IoVec* _iov;
    private readonly MsgHdr* _message;
    private readonly byte* _sizeLine;

    public ChunkWriter(IoRing ring)
    {
        _ring = ring;
        _iov = (IoVec*)NativeMemory.AllocZeroed(3, (nuint)sizeof(IoVec));
        _message = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        _sizeLine = (byte*)NativeMemory.Alloc(16);
        _message->Iov = (nint)_iov;
        _message->IovLength = 3;
    }

    public ValueTask<int> WriteChunkAsync(int socket, nint chunk, int length, CancellationToken ct)
    {
        int digits = Encoding.ASCII.GetBytes(length.ToString("x") + "\r\n", new Span<byte>(_sizeLine, 16));
        _iov[0] = new IoVec { Base = (nint)_sizeLine, Length = (nuint)digits };
        _iov[1] = new IoVec { Base = chunk, Length = (nuint)length };
        _iov[2] = new IoVec { Base = (nint)(_sizeLine + digits - 2), Length = 2 };
        return _ring.SubmitAsync(RingRequest.SendMsg(socket, (nint)_message, MessageFlags.NoSignal), ct);
    }

    public void Dispose()
    {
        NativeMemory.Free(_iov);
        NativeMemory.Free(_message);
        NativeMemory.Free(_sizeLine);
    }
}
