using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round8.Stack.ProxyAcceptOk;

/// <summary>A TCP relay accepts clients one at a time into an address block the listener owns.</summary>
internal sealed unsafe class RelayListener : IDisposable
{
    private const int SOCK_CLOEXEC = 0x80000;
    private readonly IoRing _ring;
    private readonly int _listenFd;
    private readonly byte* _peer = (byte*)NativeMemory.AllocZeroed(128);
    private readonly int* _peerLength = (int*)NativeMemory.Alloc(sizeof(int));

    public RelayListener(IoRing ring, int listenFd)
    {
        _ring = ring;
        _listenFd = listenFd;
    }

    /// <summary>Starts one accept; only one is in flight at a time and Dispose runs after the loop ends.</summary>
    public ValueTask<int> AcceptNextAsync(CancellationToken cancellationToken)
    {
        *_peerLength = 128;
        return _ring.SubmitAsync(RingRequest.Accept(_listenFd, (nint)_peer, (nint)_peerLength, SOCK_CLOEXEC), cancellationToken);
    }

    public ReadOnlySpan<byte> PeerAddress => new(_peer, *_peerLength);

    public void Dispose()
    {
        NativeMemory.Free(_peer);
        NativeMemory.Free(_peerLength);
    }
}
