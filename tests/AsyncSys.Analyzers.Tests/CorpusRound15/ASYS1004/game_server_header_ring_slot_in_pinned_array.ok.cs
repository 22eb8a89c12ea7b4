// The ring of msghdr slots, written right: the array is allocated on the pinned object heap and held in a readonly
// field, so a `fixed` pointer into a slot stays valid after the block ends, for as long as the receiver lives.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.StackMemory.HeaderRingPinnedSlot;

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MsgHdr
{
    public void* Name;
    public uint NameLength;
    public void* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

public sealed unsafe class ReceiveRing(IoRing ring, int socketFd, int slots)
{
    private readonly MsgHdr[] _headers = GC.AllocateArray<MsgHdr>(slots, pinned: true);

    public ValueTask<int> Post(int sequence, void* iov, void* peerAddress, CancellationToken ct)
    {
        int slot = sequence & (_headers.Length - 1);
        fixed (MsgHdr* header = &_headers[slot])
        {
            header->Iov = iov;
            header->IovLength = 1;
            header->Name = peerAddress;
            header->NameLength = 16;
            return ring.SubmitAsync(RingRequest.RecvMsg(socketFd, (nint)header, MessageFlags.None), ct);
        }
    }
}
