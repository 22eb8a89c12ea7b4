// The same accept with the peer address and its length in native memory the listener owns: the accept loop awaits
// each accept before starting the next and frees the slot only after the loop ends.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.StackMemory.AcceptPeerNative;

[StructLayout(LayoutKind.Sequential, Size = 28)]
internal struct SockAddrIn6
{
    public ushort Family;
    public ushort Port;
}

public sealed unsafe class Listener(IoRing ring, int listenFd) : IDisposable
{
    private const int SOCK_CLOEXEC = 524288;
    private readonly SockAddrIn6* _peer = (SockAddrIn6*)NativeMemory.AllocZeroed((nuint)sizeof(SockAddrIn6));
    private readonly uint* _peerLength = (uint*)NativeMemory.AllocZeroed(sizeof(uint));

    public ushort LastPeerPort => _peer->Port;

    public ValueTask<int> AcceptNextAsync(CancellationToken ct)
    {
        *_peerLength = (uint)sizeof(SockAddrIn6);
        return ring.SubmitAsync(RingRequest.Accept(listenFd, (nint)_peer, (nint)_peerLength, SOCK_CLOEXEC), ct);
    }

    public void Dispose()
    {
        NativeMemory.Free(_peerLength);
        NativeMemory.Free(_peer);
    }
}
