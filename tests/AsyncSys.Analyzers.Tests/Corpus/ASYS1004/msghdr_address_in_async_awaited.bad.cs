// In an async method, the address of a local msghdr is handed to recvmsg and awaited: the frame unwinds at the await.
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
    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    [AsyncSyscall]
    internal static partial nint RecvMsg(int fd, MsgHdr* message, int flags);
}

internal static class CredentialReceiver
{
    public static async Task<nint> ReceiveAsync(int socket, nint iov, nint control, CancellationToken cancellationToken)
    {
        ValueTask<nint> receive;
        unsafe
        {
            MsgHdr header = new() { Iov = iov, IovLength = 1, Control = control, ControlLength = 64 };
            receive = Libc.RecvMsgAsync(socket, /*~ASYS1004*/(nint)(&header), 0, cancellationToken);
        }

        return await receive;
    }
}
