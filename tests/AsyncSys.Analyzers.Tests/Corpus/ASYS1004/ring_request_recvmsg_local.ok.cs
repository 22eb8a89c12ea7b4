// The msghdr is allocated natively and released after the receive completed.
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

internal static class DatagramReceiver
{
    public static async ValueTask<int> ReceiveAsync(IoRing ring, int socket, nint iov, CancellationToken cancellationToken)
    {
        nint message = Allocate(iov);
        try
        {
            return await ring.SubmitAsync(RingRequest.RecvMsg(socket, message, 0), cancellationToken);
        }
        finally
        {
            Free(message);
        }
    }

    private static unsafe nint Allocate(nint iov)
    {
        var message = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        message->Iov = iov;
        message->IovLength = 1;
        return (nint)message;
    }

    private static unsafe void Free(nint message) => NativeMemory.Free((void*)message);
}
