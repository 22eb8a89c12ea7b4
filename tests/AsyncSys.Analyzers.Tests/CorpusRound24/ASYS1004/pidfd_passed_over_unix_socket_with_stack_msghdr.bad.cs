// A supervisor hands a child's pidfd to its monitoring sidecar over a unix socket with sendmsg and SCM_RIGHTS. The
// msghdr, iovec and control buffer are locals, and the method returns the ring's task without awaiting: when the socket
// is full the send is performed after the frame is gone, the kernel reads a garbage msghdr and either fails with EFAULT
// or passes a wrong descriptor to the sidecar.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.StackMemory.PidfdSendMsgStack;

[StructLayout(LayoutKind.Sequential)]
internal struct IoVec
{
    public nint Base;
    public nuint Length;
}

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

public static unsafe class PidfdHandOff
{
    private const int SOL_SOCKET = 1, SCM_RIGHTS = 1;

    public static ValueTask<int> SendAsync(IoRing ring, int socketFd, int pidfd, byte* tag)
    {
        IoVec iov = new() { Base = (nint)tag, Length = 1 };
        byte* control = stackalloc byte[24];
        *(nuint*)control = 20;
        *(int*)(control + 8) = SOL_SOCKET;
        *(int*)(control + 12) = SCM_RIGHTS;
        *(int*)(control + 16) = pidfd;
        MsgHdr header = new() { Iov = (nint)(&iov), IovLength = 1, Control = (nint)control, ControlLength = 24 };
        return ring.SubmitAsync(RingRequest.SendMsg(socketFd, /*~ASYS1004*/(nint)(&header), MessageFlags.None));
    }
}
