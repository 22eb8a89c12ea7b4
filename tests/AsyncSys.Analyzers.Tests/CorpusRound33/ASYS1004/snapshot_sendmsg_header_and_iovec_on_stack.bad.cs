// A QUIC-like transport sends each snapshot with sendmsg on the ring: it builds the iovec and the msghdr as locals and
// returns the submitted operation's task. The method's frame is gone as soon as it returns, long before the kernel
// reads the header, so the send goes to whatever the next call left on the stack: a garbage address or length, EFAULT,
// or a datagram with another packet's bytes.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.Stack.SendmsgHeaderOnStack;

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

public sealed unsafe class SnapshotSender(IoRing ring, int fd, nint peerAddress, uint peerAddressLength)
{
    // payload: native memory from the snapshot arena, alive until the next tick.
    public ValueTask<int> SendAsync(byte* payload, int length, CancellationToken ct)
    {
        IoVec iov = new() { Base = (nint)payload, Length = (nuint)length };
        MsgHdr header = new()
        {
            Name = peerAddress,
            NameLength = peerAddressLength,
            Iov = (nint)(&iov),
            IovLength = 1,
        };
        return ring.SubmitAsync(RingRequest.SendMsg(fd, /*~ASYS1004*/(nint)(&header), 0), ct);
    }
}
