// A paced sender puts an SCM_TXTIME control message in a readonly struct local, binds a ref readonly local to its control field, strips the readonly with Unsafe.AsRef(in ...) to take Unsafe.AsPointer, stores it as msg_control in the connection's native msghdr and returns the SendMsg task: the kernel reads the control message from a frame that has returned.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.AsRefTxTimeControlBad;

[StructLayout(LayoutKind.Sequential)]
internal struct TxTimeControl
{
    public nuint Length;
    public int Level;
    public int Type;
    public ulong DeliverAtNanoseconds;
}

internal readonly struct PacedOptions(TxTimeControl control, int priority)
{
    public readonly TxTimeControl Control = control;
    public readonly int Priority = priority;
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

internal sealed unsafe class PacedSender(IoRing ring, int socket) : IDisposable
{
    private const int SolSocket = 1;
    private const int ScmTxTime = 61;

    private readonly MsgHeader* _header = (MsgHeader*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHeader));

    public ValueTask<int> SendAt(nint iov, ulong deliverAt)
    {
        var options = new PacedOptions(
            new TxTimeControl { Length = (nuint)sizeof(TxTimeControl), Level = SolSocket, Type = ScmTxTime, DeliverAtNanoseconds = deliverAt },
            priority: 6);
        ref readonly TxTimeControl control = ref options.Control;
        _header->Control = (nint)Unsafe.AsPointer(ref Unsafe.AsRef(in control));
        _header->ControlLength = (nuint)sizeof(TxTimeControl);
        _header->Iov = iov;
        _header->IovLength = 1;
        return ring.SubmitAsync(RingRequest.SendMsg(socket, /*~ASYS1004*/(nint)_header, MessageFlags.None), CancellationToken.None);
    }

    public void Dispose() => NativeMemory.Free(_header);
}
