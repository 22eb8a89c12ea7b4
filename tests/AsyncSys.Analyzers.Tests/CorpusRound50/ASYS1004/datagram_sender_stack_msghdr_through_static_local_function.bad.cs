// A datagram sender builds its msghdr and iovec in locals of a non-async ValueTask-returning method and hands the header's address to a static local function that submits RingRequest.SendMsg and returns the operation without waiting; the caller returns that operation, and its frame (with the header) is gone while the kernel reads it.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.StackMsghdrBad;

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

internal sealed unsafe class DatagramSender(IoRing ring, int socket)
{
    private readonly byte* _payload = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc(1500);

    public ValueTask<int> SendAsync(int length, CancellationToken ct)
    {
        IoVec iov = default;
        iov.Base = (nint)_payload;
        iov.Length = (nuint)length;
        MsgHeader header = default;
        header.Iov = /*~ASYS1004*/(nint)(&iov);
        header.IovLength = 1;
        return Submit(ring, socket, /*~ASYS1004*/(nint)(&header), ct);

        static ValueTask<int> Submit(IoRing ring, int socket, nint message, CancellationToken ct) =>
            ring.SubmitAsync(RingRequest.SendMsg(socket, message, MessageFlags.None), ct);
    }
}
