// A gather sender keeps its two iovecs in an [InlineArray(2)] field of a small struct declared as a local, links the first element's address into the connection's native msghdr with Unsafe.AsPointer, and returns the SendMsg task: the iovec array dies with the frame while the kernel still walks it.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.InlineIovecFieldBad;

internal struct IoVec
{
    public nint Base;
    public nuint Length;
}

[InlineArray(2)]
internal struct IoVecPair
{
    private IoVec _element0;
}

internal struct GatherList
{
    public IoVecPair Vectors;
    public int Count;
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
    private readonly MsgHeader* _header = (MsgHeader*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHeader));

    public ValueTask<int> SendPair(nint head, int headLength, nint body, int bodyLength)
    {
        GatherList list = default;
        list.Vectors[0] = new IoVec { Base = head, Length = (nuint)headLength };
        list.Vectors[1] = new IoVec { Base = body, Length = (nuint)bodyLength };
        list.Count = 2;
        _header->Iov = (nint)Unsafe.AsPointer(ref list.Vectors[0]);
        _header->IovLength = (nuint)list.Count;
        return ring.SubmitAsync(RingRequest.SendMsg(socket, /*~ASYS1004*/(nint)_header, MessageFlags.None), CancellationToken.None);
    }

    public void Dispose() => NativeMemory.Free(_header);
}
