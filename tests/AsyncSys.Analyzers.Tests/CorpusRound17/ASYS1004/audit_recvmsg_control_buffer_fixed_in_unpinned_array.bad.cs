// An audit agent receives netlink messages with recvmsg and asks for SCM_CREDENTIALS to check the sender is the kernel
// (pid 0). It pins its control-buffer array with `fixed` only long enough to store the address in the native msghdr,
// then returns the ring's task. The pin ends at the brace: a GC compaction moves the array while the receive waits,
// the kernel writes the credentials into whatever now lives at the old address (heap corruption) and the agent reads
// stale credentials, accepting forged audit messages from user space.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round17.StackMemory.AuditControlFixed;

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

public sealed unsafe class AuditReceiver
{
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
    private readonly byte[] _control = new byte[64];

    public ValueTask<int> ReceiveAsync(IoRing ring, int auditFd, nint iovecs)
    {
        _header->Iov = iovecs;
        _header->IovLength = 1;
        fixed (byte* control = _control)
        {
            /*~ASYS1004*/_header->Control = (nint)control;
        }

        _header->ControlLength = (nuint)_control.Length;
        return ring.SubmitAsync(RingRequest.RecvMsg(auditFd, (nint)_header, 0));
    }
}
