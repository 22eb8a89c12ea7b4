// A datagram sender keeps its msghdr and iovec in native memory allocated once per sender (freed in Dispose) and hands the header's address to a static local function that submits RingRequest.SendMsg and returns the operation; nothing the kernel reads lives in the frame.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus50.StackMsghdrOk;

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

internal sealed unsafe class DatagramSender(IoRing ring, int socket) : IDisposable
{
    private readonly byte* _payload = (byte*)NativeMemory.Alloc(1500);
    private readonly IoVec* _iov = (IoVec*)NativeMemory.AllocZeroed((nuint)sizeof(IoVec));
    private readonly MsgHeader* _header = (MsgHeader*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHeader));

    public ValueTask<int> SendAsync(int length, CancellationToken ct)
    {
        _iov->Base = (nint)_payload;
        _iov->Length = (nuint)length;
        _header->Iov = (nint)_iov;
        _header->IovLength = 1;
        return Submit(ring, socket, (nint)_header, ct);

        static ValueTask<int> Submit(IoRing ring, int socket, nint message, CancellationToken ct) =>
            ring.SubmitAsync(RingRequest.SendMsg(socket, message, MessageFlags.None), ct);
    }

    public void Dispose()
    {
        NativeMemory.Free(_header);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_payload);
    }
}
