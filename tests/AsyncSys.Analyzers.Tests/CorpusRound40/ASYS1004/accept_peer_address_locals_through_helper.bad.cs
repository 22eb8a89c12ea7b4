// The listener accepts on the ring and asks for the peer's address for the access log; the address and its length are locals whose addresses go to a helper that starts the accept, and the accept's ValueTask is returned.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Listeners;

[StructLayout(LayoutKind.Sequential, Size = 28)]
internal struct SockAddrIn6
{
    public ushort Family;
    public ushort Port;
}

internal sealed class Listener(IoRing ring, int listenFd)
{
    public unsafe ValueTask<int> AcceptNextAsync(CancellationToken ct)
    {
        SockAddrIn6 peer = default;
        int peerLength = sizeof(SockAddrIn6);
        return StartAccept(
            /*~ASYS1004*/&peer,
            /*~ASYS1004*/&peerLength,
            ct);
    }

    private unsafe ValueTask<int> StartAccept(SockAddrIn6* peer, int* peerLength, CancellationToken ct) =>
        ring.SubmitAsync(RingRequest.Accept(listenFd, (nint)peer, (nint)peerLength, IoRing.SocketCloseOnExec), ct);
}
