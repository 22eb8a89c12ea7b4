// A broker connection receives the next fetch request with recvmsg started by a small helper that returns the ring's
// task; the caller hands it the address of a local msghdr and returns that task. The receive completes later, when
// the frame is gone: the kernel writes msg_flags and reads msg_iov through a dead stack slot and corrupts whatever
// the thread has there by then.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.StackMemory.RecvHeaderThroughHelper;

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

public sealed unsafe class BrokerConnection(IoRing ring, int socketFd)
{
    private ValueTask<int> StartReceive(nint header) => ring.SubmitAsync(RingRequest.RecvMsg(socketFd, header, 0));

    public ValueTask<int> ReceiveRequestAsync(nint nativeIovecs, int iovecCount)
    {
        MsgHdr header = new() { Iov = nativeIovecs, IovLength = (nuint)iovecCount };
        return StartReceive(/*~ASYS1004*/(nint)(&header));
    }
}
