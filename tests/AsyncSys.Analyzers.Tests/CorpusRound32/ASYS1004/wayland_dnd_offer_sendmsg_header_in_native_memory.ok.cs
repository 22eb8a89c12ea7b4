// The drag source made right: the msghdr lives in native memory the source allocates once and frees only in Dispose,
// after the offer's task has been awaited by the caller.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.Stack.DndOfferHeaderNative;

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

public sealed class DragSource : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _compositorSocket;
    private readonly nint _header;

    public unsafe DragSource(IoRing ring, int compositorSocket)
    {
        _ring = ring;
        _compositorSocket = compositorSocket;
        _header = (nint)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
    }

    public async Task<int> OfferAsync(nint iovec, nint control, nuint controlLength)
    {
        Fill(iovec, control, controlLength);
        return await _ring.SubmitAsync(RingRequest.SendMsg(_compositorSocket, _header, (MessageFlags)0));
    }

    private unsafe void Fill(nint iovec, nint control, nuint controlLength)
    {
        var header = (MsgHdr*)_header;
        header->Iov = iovec;
        header->IovLength = 1;
        header->Control = control;
        header->ControlLength = controlLength;
    }

    public unsafe void Dispose() => NativeMemory.Free((void*)_header);
}
