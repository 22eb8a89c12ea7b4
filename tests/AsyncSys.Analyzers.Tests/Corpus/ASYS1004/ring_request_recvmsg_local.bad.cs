// A RingRequest built over the address of a local msghdr is submitted and its task returned.
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
    public static ValueTask<int> ReceiveAsync(IoRing ring, int socket, nint iov, CancellationToken cancellationToken)
    {
        var message = new MsgHdr { Iov = iov, IovLength = 1 };
        RingRequest request = RingRequest.RecvMsg(socket, /*~ASYS1004*/(nint)(&message), 0);
        return ring.SubmitAsync(request, cancellationToken);
    }
}
