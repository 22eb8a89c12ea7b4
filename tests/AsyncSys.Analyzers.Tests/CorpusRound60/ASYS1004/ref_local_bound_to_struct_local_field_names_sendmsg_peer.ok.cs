// The UDP replier keeps the envelope in the same native block as its msghdr; the ref local is bound to that block's Peer field, so msg_name points at native memory the replier frees only on Dispose.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.RefLocalPeerFieldOk;

[StructLayout(LayoutKind.Sequential)]
internal struct SockAddrIn6
{
    public ushort Family;
    public ushort Port;
    public uint FlowInfo;
    public Guid Address;
    public uint ScopeId;
}

internal struct ReplyEnvelope
{
    public SockAddrIn6 Peer;
    public uint FlowLabel;
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

internal struct ReplyBlock
{
    public MsgHeader Header;
    public ReplyEnvelope Envelope;
}

internal sealed unsafe class Replier(IoRing ring, int socket) : IDisposable
{
    private readonly ReplyBlock* _block = (ReplyBlock*)NativeMemory.AllocZeroed((nuint)sizeof(ReplyBlock));

    public ValueTask<int> ReplyTo(in SockAddrIn6 from, nint iov, uint flowLabel)
    {
        _block->Envelope = new ReplyEnvelope { Peer = from, FlowLabel = flowLabel };
        ref SockAddrIn6 peer = ref _block->Envelope.Peer;
        peer.FlowInfo = flowLabel;
        MsgHeader* header = &_block->Header;
        header->Name = (nint)Unsafe.AsPointer(ref peer);
        header->NameLength = sizeof(SockAddrIn6);
        header->Iov = iov;
        header->IovLength = 1;
        return ring.SubmitAsync(RingRequest.SendMsg(socket, (nint)header, MessageFlags.None), CancellationToken.None);
    }

    public void Dispose() => NativeMemory.Free(_block);
}
