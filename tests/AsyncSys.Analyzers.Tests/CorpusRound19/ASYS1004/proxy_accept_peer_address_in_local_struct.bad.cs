// A TCP proxy wants the client's address for X-Forwarded-For, so its accept goes through RingRequest.Accept with a
// sockaddr buffer and its length. Both are locals of a method that returns the ring's task at once: the accept
// completes later, when a client connects, and the kernel writes the peer address and its length into a stack frame
// that now belongs to other calls, corrupting them.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.StackMemory.AcceptPeerLocal;

[StructLayout(LayoutKind.Sequential, Size = 28)]
internal struct SockAddrIn6
{
    public ushort Family;
    public ushort Port;
}

public sealed class Listener(IoRing ring, int listenFd)
{
    private const int SOCK_CLOEXEC = 524288;

    public unsafe ValueTask<int> AcceptNextAsync(CancellationToken ct)
    {
        SockAddrIn6 peer = default;
        uint peerLength = (uint)sizeof(SockAddrIn6);
        return ring.SubmitAsync(
            RingRequest.Accept(
                listenFd,
                /*~ASYS1004*/(nint)(&peer),
                /*~ASYS1004*/(nint)(&peerLength),
                SOCK_CLOEXEC),
            ct);
    }
}
