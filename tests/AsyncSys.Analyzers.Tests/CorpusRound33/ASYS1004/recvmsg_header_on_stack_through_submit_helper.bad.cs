// A datagram receiver fills a local msghdr (name, iovec and cmsg buffers are native memory it owns) and hands its
// address to a small helper that submits the recvmsg and returns the task. The helper does not wait, so ReceiveAsync
// returns with the header on its dead frame; the kernel writes msg_namelen and msg_flags there and takes the iovec
// pointer from whatever replaced it, scribbling the datagram over unrelated memory.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.Stack.RecvmsgHeaderHelper;

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

public sealed unsafe class DatagramReceiver(IoRing ring, int fd, nint name, nint iov, nint control)
{
    public ValueTask<int> ReceiveAsync(CancellationToken ct)
    {
        MsgHdr header = new()
        {
            Name = name,
            NameLength = 28,
            Iov = iov,
            IovLength = 1,
            Control = control,
            ControlLength = 64,
        };
        return Submit(/*~ASYS1004*/&header, ct);
    }

    private ValueTask<int> Submit(MsgHdr* header, CancellationToken ct) =>
        ring.SubmitAsync(RingRequest.RecvMsg(fd, (nint)header, 0), ct);
}
