using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round3.Net;

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

public static unsafe class Datagrams
{
    public static ValueTask<int> ReceiveIntoAsync(this IoRing ring, int fd, nint iovec)
    {
        MsgHdr header = default;
        header.Iov = iovec;
        header.IovLength = 1;
        return ring.SubmitAsync(RingRequest.RecvMsg(fd, (nint)/*~ASYS1004*/Unsafe.AsPointer(ref header), 0));
    }
}
