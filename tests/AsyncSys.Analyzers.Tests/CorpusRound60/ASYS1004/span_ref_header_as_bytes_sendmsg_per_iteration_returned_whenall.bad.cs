// A batch sender declares a msghdr local inside its loop, views it with MemoryMarshal.AsBytes(new Span<MsgHeader>(ref header)) (the C# 11 single-element span constructor), takes the address back through MemoryMarshal.GetReference and starts a SendMsg per datagram, then returns Task.WhenAll over them. Every iteration reuses the same local while the earlier sends still read it, and all of them outlive the frame.
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus60.SpanRefHeaderLoopBad;

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
    public unsafe Task SendAll(nint[] iovecs, nint peer, int peerLength)
    {
        var sends = new List<Task<int>>(iovecs.Length);
        for (int i = 0; i < iovecs.Length; i++)
        {
            MsgHeader header = new() { Name = peer, NameLength = peerLength, Iov = iovecs[i], IovLength = 1 };
            Span<byte> raw = MemoryMarshal.AsBytes(new Span<MsgHeader>(ref header));
            nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(raw));
            sends.Add(ring.SubmitAsync(RingRequest.SendMsg(socket, /*~ASYS1004*/address, MessageFlags.None), CancellationToken.None).AsTask());
        }

        return Task.WhenAll(sends);
    }
}
