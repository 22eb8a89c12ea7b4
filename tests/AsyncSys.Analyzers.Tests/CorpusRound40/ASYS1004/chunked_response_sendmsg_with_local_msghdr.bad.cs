// A chunked response sends the chunk-size line, the chunk and its CRLF with one sendmsg; the iovecs live in native memory the writer owns, but the msghdr is a local struct whose address is given to the ring and the ValueTask returned.
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
    private readonly byte* _sizeLine;

    public ChunkWriter(IoRing ring)
    {
        _ring = ring;
        _iov = (IoVec*)NativeMemory.AllocZeroed(3, (nuint)sizeof(IoVec));
        _sizeLine = (byte*)NativeMemory.Alloc(16);
    }

    public ValueTask<int> WriteChunkAsync(int socket, nint chunk, int length, CancellationToken ct)
    {
        int digits = Encoding.ASCII.GetBytes(length.ToString("x") + "\r\n", new Span<byte>(_sizeLine, 16));
        _iov[0] = new IoVec { Base = (nint)_sizeLine, Length = (nuint)digits };
        _iov[1] = new IoVec { Base = chunk, Length = (nuint)length };
        _iov[2] = new IoVec { Base = (nint)(_sizeLine + digits - 2), Length = 2 };
        MsgHdr message = default;
        message.Iov = (nint)_iov;
        message.IovLength = 3;
        return _ring.SubmitAsync(RingRequest.SendMsg(socket, /*~ASYS1004*/(nint)(&message), MessageFlags.NoSignal), ct);
    }

    public void Dispose()
    {
        NativeMemory.Free(_iov);
        NativeMemory.Free(_sizeLine);
    }
}
