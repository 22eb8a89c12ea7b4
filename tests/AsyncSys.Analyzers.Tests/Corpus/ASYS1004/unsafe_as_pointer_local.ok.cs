// Unsafe.AsPointer over an element of a pinned-heap array that lives as long as the sender.
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

internal sealed class Sender
{
    private readonly MsgHdr[] _headers = GC.AllocateArray<MsgHdr>(1, pinned: true);

    public async ValueTask<int> SendAsync(IoRing ring, int socket, nint iov, CancellationToken cancellationToken)
    {
        _headers[0] = new MsgHdr { Iov = iov, IovLength = 1 };
        return await ring.SubmitAsync(RingRequest.SendMsg(socket, HeaderAddress(), 0), cancellationToken);
    }

    private unsafe nint HeaderAddress() => (nint)Unsafe.AsPointer(ref _headers[0]);
}
