// A UDP game server receives client inputs with recvmsg so it learns each sender's address. The msghdr is a local of
// the receive method, handed to a small helper that submits the recvmsg and returns its task; the method returns that
// task. The receive completes when the next datagram arrives, long after the frame is gone: the kernel reads a dead
// msghdr (iov pointer, name length) and writes the datagram wherever that garbage points.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.StackMemory.GameServerRecvMsgHelper;

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

public sealed unsafe class InputReceiver(IoRing ring, int socketFd)
{
    private readonly nint _peer = (nint)NativeMemory.AllocZeroed(128);
    private readonly nint _iovec = (nint)NativeMemory.AllocZeroed(16);

    public ValueTask<int> ReceiveAsync()
    {
        MsgHdr header = default;
        header.Name = _peer;
        header.NameLength = 128;
        header.Iov = _iovec;
        header.IovLength = 1;
        return Submit(/*~ASYS1004*/&header);
    }

    private ValueTask<int> Submit(MsgHdr* header) =>
        ring.SubmitAsync(RingRequest.RecvMsg(socketFd, (nint)header, 0));
}
