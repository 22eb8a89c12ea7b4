// A UDP replier keeps a reply envelope struct local holding the peer's sockaddr_in6 and a flow label. It binds a ref local to the envelope's Peer field, stores Unsafe.AsPointer of it as msg_name in the connection's native msghdr and returns the SendMsg task: msg_name points into the returned frame when the kernel reads it.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.RefLocalPeerFieldBad;

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

internal sealed unsafe class Replier(IoRing ring, int socket) : IDisposable
{
    private readonly MsgHeader* _header = (MsgHeader*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHeader));

    public ValueTask<int> ReplyTo(in SockAddrIn6 from, nint iov, uint flowLabel)
    {
        ReplyEnvelope envelope = new() { Peer = from, FlowLabel = flowLabel };
        ref SockAddrIn6 peer = ref envelope.Peer;
        peer.FlowInfo = envelope.FlowLabel;
        _header->Name = (nint)Unsafe.AsPointer(ref peer);
        _header->NameLength = sizeof(SockAddrIn6);
        _header->Iov = iov;
        _header->IovLength = 1;
        return ring.SubmitAsync(RingRequest.SendMsg(socket, /*~ASYS1004*/(nint)_header, MessageFlags.None), CancellationToken.None);
    }

    public void Dispose() => NativeMemory.Free(_header);
}
