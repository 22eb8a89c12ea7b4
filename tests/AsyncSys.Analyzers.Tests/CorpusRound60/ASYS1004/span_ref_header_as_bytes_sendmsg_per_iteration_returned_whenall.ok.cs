// The batch sender keeps the per-iteration msghdr local and its AsBytes(new Span<MsgHeader>(ref header)) view, but blocks on each SendMsg through AsTask().GetAwaiter().GetResult() before the iteration ends. That is a synchronous wait, not an await: the thread stays in this frame, so the header outlives its send (the docs' "waited for here"); the caller pays a blocked thread, which is no stack-memory hazard.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Corpus60.SpanRefHeaderLoopOk;

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

internal sealed class BatchSender(IoRing ring, int socket)
{
    public unsafe int SendAll(nint[] iovecs, nint peer, int peerLength)
    {
        int total = 0;
        for (int i = 0; i < iovecs.Length; i++)
        {
            MsgHeader header = new() { Name = peer, NameLength = peerLength, Iov = iovecs[i], IovLength = 1 };
            Span<byte> raw = MemoryMarshal.AsBytes(new Span<MsgHeader>(ref header));
            nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(raw));
            total += ring.SubmitAsync(RingRequest.SendMsg(socket, address, MessageFlags.None), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return total;
    }
}
