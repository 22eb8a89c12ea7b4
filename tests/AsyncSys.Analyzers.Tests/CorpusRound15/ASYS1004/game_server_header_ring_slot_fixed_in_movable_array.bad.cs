// A game server keeps a ring of preallocated msghdr slots (a struct array, Disruptor-style) and posts one recvmsg per
// slot. The slot is pinned with `fixed` only while the request is built and submitted; the task is returned and the
// pin ends at the brace. The array is an ordinary heap array, so a compaction may move it while the receives are
// posted: the kernel then reads a stale msghdr address and writes the datagram and the peer address into whatever
// object the GC put there (heap corruption under load, when GCs are frequent).
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.StackMemory.HeaderRingFixedSlot;

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
    private readonly MsgHdr[] _headers = new MsgHdr[slots];

    public ValueTask<int> Post(int sequence, void* iov, void* peerAddress, CancellationToken ct)
    {
        int slot = sequence & (_headers.Length - 1);
        fixed (MsgHdr* header = &_headers[slot])
        {
            header->Iov = iov;
            header->IovLength = 1;
            header->Name = peerAddress;
            header->NameLength = 16;
            return ring.SubmitAsync(RingRequest.RecvMsg(socketFd, /*~ASYS1004*/(nint)header, MessageFlags.None), ct);
        }
    }
}
