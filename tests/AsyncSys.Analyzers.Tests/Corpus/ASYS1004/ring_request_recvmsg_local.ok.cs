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

internal static unsafe class DatagramReceiver
{
    public static async ValueTask<int> ReceiveAsync(IoRing ring, int socket, nint iov, CancellationToken cancellationToken)
    {
        var message = (MsgHdr*)NativeMemory.AllocZeroed((nuint)sizeof(MsgHdr));
        try
        {
            message->Iov = iov;
            message->IovLength = 1;
            return await ring.SubmitAsync(RingRequest.RecvMsg(socket, (nint)message, 0), cancellationToken);
        }
        finally
        {
            NativeMemory.Free(message);
        }
    }
}
