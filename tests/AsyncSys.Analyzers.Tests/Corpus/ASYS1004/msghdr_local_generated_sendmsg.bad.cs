// The address of a local msghdr goes to the generated sendmsg variant, whose task outlives the frame.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

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

internal static unsafe partial class Libc
{
    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint SendMsg(int fd, MsgHdr* message, int flags);
}

internal static unsafe class FdPassing
{
    public static ValueTask<nint> SendAsync(int socket, nint iov, nint control, nuint controlLength, CancellationToken cancellationToken)
    {
        MsgHdr header = default;
        header.Iov = iov;
        header.IovLength = 1;
        header.Control = control;
        header.ControlLength = controlLength;
        return Libc.SendMsgAsync(socket, /*~ASYS1004*/(nint)(&header), 0, cancellationToken);
    }
}
