// The forwarder keeps its msghdr in native memory it owns and awaits the sendmsg before the next entry reuses it.
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Stack.JournaldNativeHeader;

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

public sealed class JournaldForwarder(IoRing ring, int socketFd, nint iovecs)
{
    private readonly unsafe MsgHdr* _header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));

    public async Task<int> SendEntryAsync(int fieldCount)
    {
        nint header = Prepare(fieldCount);
        return await ring.SubmitAsync(RingRequest.SendMsg(socketFd, header, MessageFlags.None));
    }

    private unsafe nint Prepare(int fieldCount)
    {
        _header->Iov = iovecs;
        _header->IovLength = (nuint)fieldCount;
        return (nint)_header;
    }
}
