using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.Stack.QuicGso;

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVec
{
    public void* Base;
    public nuint Length;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct MsgHdr
{
    public void* Name;
    public uint NameLength;
    public IoVec* Iov;
    public nuint IovLength;
    public void* Control;
    public nuint ControlLength;
    public int Flags;
}

/// <summary>
/// A QUIC-like datagram sender batches packets of one connection into a single sendmsg with UDP_SEGMENT (GSO): the
/// kernel cuts the payload into segmentSize datagrams. The request is tagged with the connection (to cancel its
/// sends on close) and given a deadline.
/// </summary>
internal static class GsoSender
{
    private const int SOL_UDP = 17;
    private const int UDP_SEGMENT = 103;
    private const int ControlSpace = 24;   // CMSG_SPACE(sizeof(ushort))

    public static unsafe ValueTask<int> SendBurst(IoRing ring, int fd, byte* payload, int length, ushort segmentSize, object connection)
    {
        byte* control = stackalloc byte[ControlSpace];
        new Span<byte>(control, ControlSpace).Clear();
        *(ulong*)control = 18;                          // cmsg_len = CMSG_LEN(sizeof(ushort))
        *(int*)(control + 8) = SOL_UDP;
        *(int*)(control + 12) = UDP_SEGMENT;
        *(ushort*)(control + 16) = segmentSize;

        IoVec iov = new() { Base = payload, Length = (nuint)length };
        MsgHdr header = new() { Iov = &iov, IovLength = 1, Control = control, ControlLength = ControlSpace };
        RingRequest request = RingRequest.SendMsg(fd, /*~ASYS1004*/(nint)(&header), MessageFlags.None)
            .WithTag(connection)
            .WithTimeout(TimeSpan.FromMilliseconds(50));
        return ring.SubmitAsync(request);   // header, iovec and cmsg all die with this frame
    }
}
