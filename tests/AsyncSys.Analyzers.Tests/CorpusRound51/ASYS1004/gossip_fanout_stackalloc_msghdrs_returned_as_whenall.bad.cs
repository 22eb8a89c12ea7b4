// A gossip node sends one datagram to every peer: it builds the peers' msghdr and iovec arrays with stackalloc, starts one SendMsg per peer and returns `Task.WhenAll(...)`, so the headers the kernel reads are in a frame that is gone when the method returns.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.GossipStackHeadersBad;

internal struct IoVec
{
    public nint Base;
    public nuint Length;
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

internal sealed class GossipNode(IoRing ring, int socket)
{
    public unsafe Task SendRoundAsync(IReadOnlyList<nint> peerAddresses, nint payload, int length, CancellationToken ct)
    {
        int count = peerAddresses.Count;
        MsgHeader* headers = stackalloc MsgHeader[count];
        IoVec* vectors = stackalloc IoVec[count];
        var sends = new Task<int>[count];
        for (int i = 0; i < count; i++)
        {
            vectors[i] = new IoVec { Base = payload, Length = (nuint)length };
            headers[i] = new MsgHeader { Name = peerAddresses[i], NameLength = 16, Iov = (nint)(vectors + i), IovLength = 1 };
            sends[i] = ring.SubmitAsync(RingRequest.SendMsg(socket, /*~ASYS1004*/(nint)(headers + i), MessageFlags.None), ct).AsTask();
        }

        return Task.WhenAll(sends);
    }
}
