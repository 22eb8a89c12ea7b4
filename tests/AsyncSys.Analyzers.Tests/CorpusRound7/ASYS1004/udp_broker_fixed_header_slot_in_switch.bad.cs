using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.Stack.UdpBrokerSlots;

[StructLayout(LayoutKind.Sequential)]
internal struct MsgHdr
{
    public nint Name;
    public int NameLength;
    public nint Iov;
    public nint IovLength;
    public nint Control;
    public nint ControlLength;
    public int Flags;
}

internal enum Delivery { Publish, Ack }

/// <summary>A UDP message broker keeps one message header per outstanding datagram in a managed array of slots.</summary>
internal sealed unsafe class DatagramSender(IoRing ring, int socketFd)
{
    private readonly MsgHdr[] _headers = new MsgHdr[64];

    public ValueTask<int> SendAsync(Delivery kind, int slot)
    {
        switch (kind)
        {
            case Delivery.Publish:
                fixed (MsgHdr* header = &_headers[slot])
                {
                    return ring.SubmitAsync(RingRequest.SendMsg(socketFd, (nint)/*~ASYS1004*/header, 0));   // unpinned at the brace
                }

            default:
                return ring.SubmitAsync(RingRequest.Nop());
        }
    }
}
