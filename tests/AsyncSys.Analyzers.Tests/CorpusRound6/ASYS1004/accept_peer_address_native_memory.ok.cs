using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Stack.AcceptPeerNative;

/// <summary>The same accept loop with the peer address in native memory too, read after the accept completes.</summary>
internal sealed class Listener : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _listenFd;
    private readonly nint _peer;
    private readonly nint _peerLength;

    public Listener(IoRing ring, int listenFd)
    {
        _ring = ring;
        _listenFd = listenFd;
        _peer = Allocate(128);
        _peerLength = Allocate(sizeof(int));
    }

    private static unsafe nint Allocate(int size) => (nint)NativeMemory.AllocZeroed((nuint)size);

    private static unsafe void SetLength(nint slot, int value) => *(int*)slot = value;

    private static unsafe ushort Family(nint address) => *(ushort*)address;

    public async ValueTask<(int Fd, ushort Family)> AcceptPeerAsync(CancellationToken cancellationToken)
    {
        SetLength(_peerLength, 128);
        int fd = await _ring.SubmitAsync(RingRequest.Accept(_listenFd, _peer, _peerLength, 0), cancellationToken);
        return (fd, Family(_peer));
    }

    public unsafe void Dispose()
    {
        NativeMemory.Free((void*)_peer);
        NativeMemory.Free((void*)_peerLength);
    }
}
