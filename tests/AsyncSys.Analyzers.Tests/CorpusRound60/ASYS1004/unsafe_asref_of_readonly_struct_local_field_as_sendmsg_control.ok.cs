// The paced sender writes the SCM_TXTIME control message into its own native block next to the msghdr; the ref readonly local and Unsafe.AsRef(in ...) point into that block, which the sender frees only on Dispose.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.AsRefTxTimeControlOk;

[StructLayout(LayoutKind.Sequential)]
internal struct TxTimeControl
{
    public nuint Length;
    public int Level;
    public int Type;
    public ulong DeliverAtNanoseconds;
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

internal struct PacedBlock
{
    public MsgHeader Header;
    public TxTimeControl Control;
}

internal sealed unsafe class PacedSender(IoRing ring, int socket) : IDisposable
{
    private const int SolSocket = 1;
    private const int ScmTxTime = 61;

    private readonly PacedBlock* _block = (PacedBlock*)NativeMemory.AllocZeroed((nuint)sizeof(PacedBlock));

    public ValueTask<int> SendAt(nint iov, ulong deliverAt)
    {
        _block->Control = new TxTimeControl { Length = (nuint)sizeof(TxTimeControl), Level = SolSocket, Type = ScmTxTime, DeliverAtNanoseconds = deliverAt };
        ref readonly TxTimeControl control = ref _block->Control;
        MsgHeader* header = &_block->Header;
        header->Control = (nint)Unsafe.AsPointer(ref Unsafe.AsRef(in control));
        header->ControlLength = (nuint)sizeof(TxTimeControl);
        header->Iov = iov;
        header->IovLength = 1;
        return ring.SubmitAsync(RingRequest.SendMsg(socket, (nint)header, MessageFlags.None), CancellationToken.None);
    }

    public void Dispose() => NativeMemory.Free(_block);
}
