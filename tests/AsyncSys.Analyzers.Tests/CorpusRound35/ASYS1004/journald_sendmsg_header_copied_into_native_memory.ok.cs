// The forwarder copies the by-value msghdr into native memory it owns before the send, and the caller awaits each send
// before the next copy.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Stack.JournaldHeaderCopied;

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

public sealed unsafe class JournaldForwarder(IoRing ring, int socketFd)
{
    private readonly MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));

    public ValueTask<int> SendPrepared(MsgHdr header)
    {
        *_header = header;
        return ring.SubmitAsync(RingRequest.SendMsg(socketFd, (nint)_header, MessageFlags.None));
    }
}
