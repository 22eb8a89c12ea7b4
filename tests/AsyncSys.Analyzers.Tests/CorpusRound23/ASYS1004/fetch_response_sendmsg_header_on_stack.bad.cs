// A fetch handler sends the response header to the consumer with sendmsg; the msghdr is a local struct and the ring's
// task is returned. When the socket is full the send runs after the frame is gone: the kernel reads a reused stack slot
// as the msghdr (iov pointer and count), sends garbage or faults with EFAULT, and the consumer sees a corrupt response.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.StackMemory.FetchHeaderOnStack;

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

public sealed unsafe class FetchResponder(IoRing ring)
{
    public ValueTask<int> SendHeaderAsync(int socketFd, nint nativeIovecs, int iovecCount)
    {
        MsgHdr message = new() { Iov = nativeIovecs, IovLength = (nuint)iovecCount };
        return ring.SubmitAsync(RingRequest.SendMsg(socketFd, /*~ASYS1004*/(nint)(&message), 0));
    }
}
