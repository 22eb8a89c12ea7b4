// The same fetch responder made right: the msghdr is allocated in native memory, the send is awaited, and the memory is
// freed only after the send completed (also when it failed or was cancelled).
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.StackMemory.FetchHeaderNative;

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

internal static unsafe class NativeMessage
{
    public static nint Allocate(nint nativeIovecs, int iovecCount)
    {
        MsgHdr* message = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        message->Iov = nativeIovecs;
        message->IovLength = (nuint)iovecCount;
        return (nint)message;
    }

    public static void Free(nint message) => NativeMemory.Free((void*)message);
}

public sealed class FetchResponder(IoRing ring)
{
    public async Task<int> SendHeaderAsync(int socketFd, nint nativeIovecs, int iovecCount)
    {
        nint message = NativeMessage.Allocate(nativeIovecs, iovecCount);
        try
        {
            return await ring.SubmitAsync(RingRequest.SendMsg(socketFd, message, 0));
        }
        finally
        {
            NativeMessage.Free(message);
        }
    }
}
