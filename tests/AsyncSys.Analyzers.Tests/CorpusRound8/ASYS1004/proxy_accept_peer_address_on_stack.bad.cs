using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round8.Stack.ProxyAccept;

/// <summary>A TCP relay accepts clients and keeps the peer address for its access log.</summary>
internal sealed unsafe class RelayListener(IoRing ring, int listenFd)
{
    private const int SOCK_CLOEXEC = 0x80000;

    /// <summary>Starts one accept; the caller awaits it and then reads the peer address.</summary>
    public ValueTask<int> AcceptNextAsync(CancellationToken cancellationToken)
    {
        byte* peer = stackalloc byte[128];   // sockaddr_storage
        int peerLength = 128;
        // The kernel writes the address and its length when a client arrives, long after this frame is gone.
        return /*~ASYS1004*/ring.SubmitAsync(RingRequest.Accept(listenFd, (nint)peer, /*~ASYS1004*/(nint)(&peerLength), SOCK_CLOEXEC), cancellationToken);
    }
}
