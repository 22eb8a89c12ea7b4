// The journald forwarder builds its msghdr (iovec in native memory the forwarder owns) as a local struct and returns
// the sendmsg's ValueTask. The header lives in the returning frame: the kernel may read msg_iov and msg_iovlen from a
// reused stack slot and send the wrong bytes or fault.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Stack.JournaldLocalHeader;

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

public sealed unsafe class JournaldForwarder(IoRing ring, int socketFd, nint iovecs)
{
    public ValueTask<int> SendEntryAsync(int fieldCount)
    {
        MsgHdr header = default;
        header.Iov = iovecs;
        header.IovLength = (nuint)fieldCount;
        return ring.SubmitAsync(RingRequest.SendMsg(socketFd, /*~ASYS1004*/(nint)(&header), MessageFlags.None));
    }
}
