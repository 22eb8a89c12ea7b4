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

static unsafe class HeaderBlock
{
    public static nint Allocate(nint iovec)
    {
        MsgHdr* header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        header->Iov = iovec;
        header->IovLength = 1;
        return (nint)header;
    }

    public static void Free(nint header) => NativeMemory.Free((void*)header);
}

public static class Datagrams
{
    public static async ValueTask<int> SendFromAsync(this IoRing ring, int fd, nint iovec)
    {
        nint header = HeaderBlock.Allocate(iovec);
        try
        {
            return await ring.SubmitAsync(RingRequest.SendMsg(fd, header, 0));
        }
        finally
        {
            HeaderBlock.Free(header);
        }
    }
}
