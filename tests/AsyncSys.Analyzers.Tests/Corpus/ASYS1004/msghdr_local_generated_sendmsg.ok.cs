// The msghdr lives in native memory that is freed after the send completed.
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

internal static class FdPassing
{
    public static async ValueTask<nint> SendAsync(int socket, nint iov, nint control, nuint controlLength, CancellationToken cancellationToken)
    {
        nint header = Allocate(iov, control, controlLength);
        try
        {
            return await Libc.SendMsgAsync(socket, header, 0, cancellationToken);
        }
        finally
        {
            Free(header);
        }
    }

    private static unsafe nint Allocate(nint iov, nint control, nuint controlLength)
    {
        MsgHdr* header = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        header->Iov = iov;
        header->IovLength = 1;
        header->Control = control;
        header->ControlLength = controlLength;
        return (nint)header;
    }

    private static unsafe void Free(nint header) => NativeMemory.Free((void*)header);
}
