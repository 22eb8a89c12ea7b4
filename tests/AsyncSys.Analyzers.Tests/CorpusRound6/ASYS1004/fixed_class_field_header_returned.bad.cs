using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Stack.FixedClassField;

[StructLayout(LayoutKind.Sequential)]
internal struct MsgHdr
{
    public nint Name;
    public int NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary>
/// A sender that keeps its msghdr as a field of the (movable, collectable) sender object and pins it only for
/// the statement that submits the sendmsg.
/// </summary>
internal sealed class PreparedSender
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private MsgHdr _header;

    public PreparedSender(IoRing ring, int fd, nint iov, nuint iovLength)
    {
        _ring = ring;
        _fd = fd;
        _header.Iov = iov;
        _header.IovLength = iovLength;
    }

    public unsafe ValueTask<int> SendPreparedAsync()
    {
        fixed (MsgHdr* header = &_header)
        {
            // Unpinned when the block ends; the GC may move the sender while the kernel still reads the header.
            return _ring.SubmitAsync(RingRequest.SendMsg(_fd, (nint)/*~ASYS1004*/header, 0));
        }
    }
}
