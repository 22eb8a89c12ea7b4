// A statsd client flushing at process exit, synchronously: the helper it hands the local msghdr to waits for the sendmsg
// to finish before returning, so the header's frame outlives the operation.
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round18.StackMemory.StatsdHeaderWaited;

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
    public int FlushAtExit(nint payloadIov)
    {
        MsgHdr header = new()
        {
            Name = collectorAddress,
            NameLength = collectorAddressLength,
            Iov = payloadIov,
            IovLength = 1,
        };
        return SendNow(&header);
    }

    private int SendNow(MsgHdr* header)
    {
        ValueTask<int> send = ring.SubmitAsync(RingRequest.SendMsg(socket, (nint)header, MessageFlags.None));
        return send.AsTask().GetAwaiter().GetResult();
    }
}
