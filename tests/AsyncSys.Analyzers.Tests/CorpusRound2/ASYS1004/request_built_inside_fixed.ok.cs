// The headers live in native memory owned by the batch, so their addresses stay valid while a send is in flight.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

[StructLayout(LayoutKind.Sequential)]
internal struct MsgHdr
{
    public nint Name;
    public uint NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

internal sealed unsafe class Batch(IoRing ring, int socket) : IDisposable
{
    private readonly MsgHdr* _headers = (MsgHdr*)NativeMemory.AllocZeroed(8, (nuint)sizeof(MsgHdr));

    public ValueTask<int> SendSlotAsync(int slot, CancellationToken cancellationToken)
    {
        RingRequest request = RingRequest.SendMsg(socket, (nint)(_headers + slot), 0);
        return ring.SubmitAsync(request, cancellationToken);
    }

    public void Dispose() => NativeMemory.Free(_headers);
}
