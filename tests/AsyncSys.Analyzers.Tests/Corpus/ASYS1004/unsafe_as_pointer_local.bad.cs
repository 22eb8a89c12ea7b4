// Unsafe.AsPointer over a local msghdr: the same stack address, without an `&`.
using System;
using System.Runtime.CompilerServices;
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

internal static unsafe class Sender
{
    public static ValueTask<int> SendAsync(IoRing ring, int socket, nint iov, CancellationToken cancellationToken)
    {
        MsgHdr header = default;
        header.Iov = iov;
        header.IovLength = 1;
        nint address = (nint)Unsafe.AsPointer(ref header);
        return ring.SubmitAsync(RingRequest.SendMsg(socket, /*~ASYS1004*/address, 0), cancellationToken);
    }
}
