// A gossip node sends one datagram to every peer: it builds the peers' msghdr and iovec arrays in native memory, starts one SendMsg per peer and returns a task that frees that memory only after `Task.WhenAll(...)` of the sends has ended.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus51.GossipStackHeadersOk;

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
        MsgHeader* headers = (MsgHeader*)NativeMemory.AllocZeroed((nuint)count, (nuint)sizeof(MsgHeader));
        IoVec* vectors = (IoVec*)NativeMemory.AllocZeroed((nuint)count, (nuint)sizeof(IoVec));
        var sends = new Task<int>[count];
        for (int i = 0; i < count; i++)
        {
            vectors[i] = new IoVec { Base = payload, Length = (nuint)length };
            headers[i] = new MsgHeader { Name = peerAddresses[i], NameLength = 16, Iov = (nint)(vectors + i), IovLength = 1 };
            sends[i] = ring.SubmitAsync(RingRequest.SendMsg(socket, (nint)(headers + i), MessageFlags.None), ct).AsTask();
        }

        return FreeAfterAsync(Task.WhenAll(sends), (nint)headers, (nint)vectors);
    }

    private static async Task FreeAfterAsync(Task all, nint headers, nint vectors)
    {
        try
        {
            await all.ConfigureAwait(false);
        }
        finally
        {
            Free(headers);
            Free(vectors);
        }
    }

    private static unsafe void Free(nint block) => NativeMemory.Free((void*)block);
}
