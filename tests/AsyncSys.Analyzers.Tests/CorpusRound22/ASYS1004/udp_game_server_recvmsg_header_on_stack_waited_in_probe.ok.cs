// At startup the game server probes its socket with one recvmsg whose msghdr is a local. The task is kept, a line is
// logged, and the probe blocks on it before returning: the frame outlives the receive. (Blocking is acceptable here:
// this runs once on the startup thread, before the tick loop.)
using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round22.StackMemory.GameServerRecvMsgWaited;

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

public sealed unsafe class StartupProbe(IoRing ring, int socketFd)
{
    private readonly nint _peer = (nint)NativeMemory.AllocZeroed(128);
    private readonly nint _iovec = (nint)NativeMemory.AllocZeroed(16);

    public int ReceiveFirst()
    {
        MsgHdr header = default;
        header.Name = _peer;
        header.NameLength = 128;
        header.Iov = _iovec;
        header.IovLength = 1;
        ValueTask<int> receive = ring.SubmitAsync(RingRequest.RecvMsg(socketFd, (nint)(&header), 0));
        Console.WriteLine("probe: waiting for the first client datagram");
        return receive.AsTask().GetAwaiter().GetResult();
    }
}
