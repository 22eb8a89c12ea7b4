// The gather sender keeps the same [InlineArray(2)] iovec pair, but as a field of the native block it allocates with the msghdr: the address linked into the header is native memory the sender frees only on Dispose.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.InlineIovecFieldOk;

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

internal struct SendBlock
{
    public MsgHeader Header;
    public IoVecPair Vectors;
}

internal sealed unsafe class GatherSender(IoRing ring, int socket) : IDisposable
{
    private readonly SendBlock* _block = (SendBlock*)NativeMemory.AllocZeroed((nuint)sizeof(SendBlock));

    public ValueTask<int> SendPair(nint head, int headLength, nint body, int bodyLength)
    {
        _block->Vectors[0] = new IoVec { Base = head, Length = (nuint)headLength };
        _block->Vectors[1] = new IoVec { Base = body, Length = (nuint)bodyLength };
        _block->Header.Iov = (nint)Unsafe.AsPointer(ref _block->Vectors[0]);
        _block->Header.IovLength = 2;
        return ring.SubmitAsync(RingRequest.SendMsg(socket, (nint)(&_block->Header), MessageFlags.None), CancellationToken.None);
    }

    public void Dispose() => NativeMemory.Free(_block);
}
