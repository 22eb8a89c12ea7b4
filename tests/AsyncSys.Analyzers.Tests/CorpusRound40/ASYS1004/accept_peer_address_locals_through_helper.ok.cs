// The listener accepts on the ring and asks for the peer's address for the access log; the address and its length live in native memory the listener owns (freed in Dispose, after the accept loop awaited its last accept), given to a helper that starts the accept.
using System;
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

internal sealed unsafe class Listener : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _listenFd;
    private readonly SockAddrIn6* _peer;
    private readonly int* _peerLength;

    public Listener(IoRing ring, int listenFd)
    {
        _ring = ring;
        _listenFd = listenFd;
        _peer = (SockAddrIn6*)NativeMemory.AllocZeroed((nuint)sizeof(SockAddrIn6));
        _peerLength = (int*)NativeMemory.Alloc(sizeof(int));
    }

    public ValueTask<int> AcceptNextAsync(CancellationToken ct)
    {
        *_peerLength = sizeof(SockAddrIn6);
        return StartAccept(_peer, _peerLength, ct);
    }

    private ValueTask<int> StartAccept(SockAddrIn6* peer, int* peerLength, CancellationToken ct) =>
        _ring.SubmitAsync(RingRequest.Accept(_listenFd, (nint)peer, (nint)peerLength, IoRing.SocketCloseOnExec), ct);

    public void Dispose()
    {
        NativeMemory.Free(_peer);
        NativeMemory.Free(_peerLength);
    }
}
