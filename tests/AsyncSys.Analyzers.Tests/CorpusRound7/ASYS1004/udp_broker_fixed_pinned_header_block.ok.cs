using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.Stack.UdpBrokerSlotsOk;

internal enum Delivery { Publish, Ack }

/// <summary>A UDP message broker keeps its message headers in one array on the pinned object heap.</summary>
internal sealed unsafe class DatagramSender(IoRing ring, int socketFd)
{
    private const int HeaderSize = 56;
    private static readonly byte[] s_headers = GC.AllocateUninitializedArray<byte>(64 * HeaderSize, pinned: true);

    public ValueTask<int> SendAsync(Delivery kind, int slot)
    {
        switch (kind)
        {
            case Delivery.Publish:
                fixed (byte* headers = s_headers)
                {
                    return ring.SubmitAsync(RingRequest.SendMsg(socketFd, (nint)(headers + slot * HeaderSize), 0));
                }

            default:
                return ring.SubmitAsync(RingRequest.Nop());
        }
    }
}
