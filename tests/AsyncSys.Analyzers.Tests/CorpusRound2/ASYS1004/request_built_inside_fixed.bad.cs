// The sendmsg request is built inside a fixed block over an array element and submitted after the pin ended.
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

internal sealed unsafe class Batch(IoRing ring, int socket)
{
    private readonly MsgHdr[] _headers = new MsgHdr[8];

    public ValueTask<int> SendSlotAsync(int slot, CancellationToken cancellationToken)
    {
        RingRequest request;
        fixed (MsgHdr* header = &_headers[slot])
        {
            request = RingRequest.SendMsg(socket, /*~ASYS1004*/(nint)header, 0);
        }

        return ring.SubmitAsync(request, cancellationToken);
    }
}
