// A datagram receiver keeps many recvmsg operations in flight and carves one slab into 128-byte slots, one per operation, each holding the msghdr the kernel reads; it hands a slot's address from a fixed statement to the ring's RecvMsg and returns the operation, but the slab is an ordinary array (new byte[]), which the GC may move once the fixed block ends.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus49.HeaderSlabBad;

internal sealed unsafe class DatagramReceiver(IoRing ring, int socket)
{
    private const int SlotSize = 128;
    private const int Slots = 64;
    private readonly byte[] _headers = new byte[SlotSize * Slots];

    public ValueTask<int> ReceiveIntoSlotAsync(int slot, CancellationToken ct)
    {
        fixed (byte* header = &_headers[slot * SlotSize])
        {
            return ring.SubmitAsync(RingRequest.RecvMsg(socket, /*~ASYS1004*/(nint)header, MessageFlags.None), ct);
        }
    }
}
