// The header lives in native memory that is freed only after the awaited sendmsg.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

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

internal static unsafe partial class Native
{
    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint SendMsg(int fd, MsgHdr* message, int flags);
}

internal static class Credentials
{
    public static async ValueTask<nint> SendAsync(int socket, nint iov, CancellationToken cancellationToken)
    {
        nint header = Allocate(iov);
        try
        {
            return await Native.SendMsgAsync(socket, header, 0, cancellationToken);
        }
        finally
        {
            Free(header);
        }
    }

    private static unsafe nint Allocate(nint iov)
    {
        MsgHdr* message = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        message->Iov = iov;
        message->IovLength = 1;
        return (nint)message;
    }

    private static unsafe void Free(nint memory) => NativeMemory.Free((void*)memory);
}
