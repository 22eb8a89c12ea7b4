// A statsd client sends each flush with sendmsg to a configured address. It builds the msghdr as a local struct and hands
// its address to a helper of the client that submits the sendmsg and returns the task. The caller returns that task at
// once, so its frame (and the header in it) is gone while the kernel still reads msg_name and msg_iov from it.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.StackMemory.StatsdHeaderToHelper;

[StructLayout(LayoutKind.Sequential)]
public unsafe struct MsgHdr
{
    public nint Name;
    public uint NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

public sealed unsafe class StatsdClient(IoRing ring, int socket, nint collectorAddress, uint collectorAddressLength)
{
    public ValueTask<int> FlushAsync(nint payloadIov, CancellationToken ct)
    {
        MsgHdr header = new()
        {
            Name = collectorAddress,
            NameLength = collectorAddressLength,
            Iov = payloadIov,
            IovLength = 1,
        };
        return SubmitSend(/*~ASYS1004*/&header, ct);
    }

    private ValueTask<int> SubmitSend(MsgHdr* header, CancellationToken ct) =>
        ring.SubmitAsync(RingRequest.SendMsg(socket, (nint)header, MessageFlags.None), ct);
}
