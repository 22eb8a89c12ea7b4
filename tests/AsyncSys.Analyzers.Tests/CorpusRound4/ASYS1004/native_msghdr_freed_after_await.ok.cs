using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Stack.NativeHeader;

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

internal static unsafe class NativeHeaders
{
    public static nint Allocate() => (nint)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));

    public static void Free(nint header) => NativeMemory.Free((void*)header);
}

internal static class Keepalive
{
    public static async ValueTask<int> SendEmptyAsync(IoRing ring, int fd)
    {
        nint header = NativeHeaders.Allocate();
        try
        {
            return await ring.SubmitAsync(RingRequest.SendMsg(fd, header, 0));
        }
        finally
        {
            NativeHeaders.Free(header);   // only after the kernel is done with it
        }
    }
}
