// The journald forwarder's send helper takes the prepared msghdr by value and gives the ring the parameter's address.
// A by-value parameter lives in the helper's frame, which is gone when the helper returns the ValueTask: the kernel
// reads the header from a dead frame.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Stack.JournaldHeaderParameter;

[StructLayout(LayoutKind.Sequential)]
public struct MsgHdr
{
    public nint Name;
    public uint NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

public sealed unsafe class JournaldForwarder(IoRing ring, int socketFd)
{
    public ValueTask<int> SendPrepared(MsgHdr header) =>
        ring.SubmitAsync(RingRequest.SendMsg(socketFd, /*~ASYS1004*/(nint)(&header), MessageFlags.None));
}
