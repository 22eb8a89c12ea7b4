// A local function submits the sendmsg; the caller hands it the address of a local header and returns the task.
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

internal static unsafe class Credentials
{
    public static ValueTask<nint> SendAsync(int socket, nint iov, CancellationToken cancellationToken)
    {
        MsgHdr header = default;
        header.Iov = iov;
        header.IovLength = 1;
        return Send(/*~ASYS1004*/&header);

        ValueTask<nint> Send(MsgHdr* message) => Native.SendMsgAsync(socket, (nint)message, 0, cancellationToken);
    }
}
