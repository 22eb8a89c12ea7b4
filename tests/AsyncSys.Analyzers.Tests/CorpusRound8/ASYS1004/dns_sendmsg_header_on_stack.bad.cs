using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round8.Stack.DnsSendMsg;

internal struct IoVec
{
    public nint Base;
    public nint Length;
}

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

/// <summary>A DNS-over-UDP client on an unconnected socket: each query names its server in the msghdr.</summary>
internal sealed unsafe class DnsSender(IoRing ring, int socketFd)
{
    /// <summary>query and server point at native memory the client owns; the header is built per query.</summary>
    public ValueTask<int> SendQueryAsync(byte* query, int length, byte* server, int serverLength, CancellationToken cancellationToken)
    {
        IoVec segment = new() { Base = (nint)query, Length = length };
        MsgHdr header = new()
        {
            Name = (nint)server,
            NameLength = serverLength,
            Iov = (nint)(&segment),
            IovLength = 1,
        };

        // The kernel reads the header (and the iovec it points to) when the send runs, after this method returned.
        return /*~ASYS1004*/ring.SubmitAsync(RingRequest.SendMsg(socketFd, (nint)(&header), MessageFlags.None), cancellationToken);
    }
}
