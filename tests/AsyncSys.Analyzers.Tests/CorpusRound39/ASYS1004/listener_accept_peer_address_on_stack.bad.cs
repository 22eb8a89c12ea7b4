// The broker's listener accepts client connections on the ring and wants the peer's address for quotas. The sockaddr
// buffer and its length are stackalloc'd in a method that returns the accept's ValueTask: the accept completes long
// after that frame is gone, and the kernel writes the peer address into stack memory that now belongs to other calls
// (corrupting them), while the quota code reads garbage.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.StackMemory.ListenerAcceptOnStack;

public sealed class BrokerListener(IoRing ring, int listenFd)
{
    public unsafe ValueTask<int> AcceptNext(CancellationToken ct)
    {
        byte* peer = stackalloc byte[128];
        int* peerLength = stackalloc int[1];
        *peerLength = 128;
        return ring.SubmitAsync(/*~ASYS1004*/RingRequest.Accept(listenFd, (nint)peer, (nint)peerLength, 0), ct);
    }
}
