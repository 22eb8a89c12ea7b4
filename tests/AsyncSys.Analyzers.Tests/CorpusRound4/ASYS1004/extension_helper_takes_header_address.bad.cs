using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Stack.ExtensionHelper;

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

internal static unsafe class RingMessageExtensions
{
    public static ValueTask<int> SendHeaderAsync(this IoRing ring, int fd, MsgHdr* header) =>
        ring.SubmitAsync(RingRequest.SendMsg(fd, (nint)header, 0));
}

internal static class Keepalive
{
    public static unsafe ValueTask<int> SendEmpty(IoRing ring, int fd)
    {
        MsgHdr header = default;
        return ring.SendHeaderAsync(fd, /*~ASYS1004*/&header);   // the helper starts the sendmsg on this frame's local
    }
}
