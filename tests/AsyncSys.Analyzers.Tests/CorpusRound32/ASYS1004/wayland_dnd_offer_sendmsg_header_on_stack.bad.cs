// A Wayland-style drag source hands the dropped file's fd to the compositor with sendmsg(SCM_RIGHTS). It builds the
// msghdr in a local and submits the send without waiting: the method returns the task and its frame (header, iovec,
// control bytes) is gone while the kernel still reads them, so the fd passed may be garbage.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.Stack.DndOfferHeaderOnStack;

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

public sealed class DragSource(IoRing ring, int compositorSocket)
{
    public unsafe ValueTask<int> OfferAsync(nint iovec, nint control, nuint controlLength)
    {
        MsgHdr header = default;
        header.Iov = iovec;
        header.IovLength = 1;
        header.Control = control;
        header.ControlLength = controlLength;
        return ring.SubmitAsync(RingRequest.SendMsg(compositorSocket, /*~ASYS1004*/(nint)(&header), (MessageFlags)0));
    }
}
