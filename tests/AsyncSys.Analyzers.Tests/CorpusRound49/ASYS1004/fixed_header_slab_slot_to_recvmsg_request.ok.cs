// A datagram receiver keeps many recvmsg operations in flight and carves one slab into 128-byte slots, one per operation, each holding the msghdr the kernel reads; the slab is a readonly field allocated on the pinned object heap (GC.AllocateArray with pinned: true), so a slot's address taken in a fixed statement stays valid after the block while the RecvMsg runs.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus49.HeaderSlabOk;

internal sealed unsafe class DatagramReceiver(IoRing ring, int socket)
{
    private const int SlotSize = 128;
    private const int Slots = 64;
    private readonly byte[] _headers = GC.AllocateArray<byte>(SlotSize * Slots, pinned: true);

    public ValueTask<int> ReceiveIntoSlotAsync(int slot, CancellationToken ct)
    {
        fixed (byte* header = &_headers[slot * SlotSize])
        {
            return ring.SubmitAsync(RingRequest.RecvMsg(socket, (nint)header, MessageFlags.None), ct);
        }
    }
}
