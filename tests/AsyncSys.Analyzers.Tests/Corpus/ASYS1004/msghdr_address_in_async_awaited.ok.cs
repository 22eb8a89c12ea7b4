// The msghdr is kept in native memory for as long as the receive runs.
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
        nint header = Allocate(iov, control);
        try
        {
            return await Libc.RecvMsgAsync(socket, header, 0, cancellationToken);
        }
        finally
        {
            Free(header);
        }
    }

    private static unsafe nint Allocate(nint iov, nint control)
    {
        var header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        header->Iov = iov;
        header->IovLength = 1;
        header->Control = control;
        header->ControlLength = 64;
        return (nint)header;
    }

    private static unsafe void Free(nint header) => NativeMemory.Free((void*)header);
}
