using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Stack.AcceptPeer;

/// <summary>
/// The accept loop of an HTTP server. The peer's address length lives in native memory owned by the listener;
/// the address itself is put on the stack "because it is only 128 bytes".
/// </summary>
internal sealed unsafe class Listener : IDisposable
{
    private readonly IoRing _ring;
    private readonly int _listenFd;
    private readonly int* _peerLength;

    public Listener(IoRing ring, int listenFd)
    {
        _ring = ring;
        _listenFd = listenFd;
        _peerLength = (int*)NativeMemory.Alloc((nuint)sizeof(int));
    }

    public ValueTask<int> AcceptPeerAsync()
    {
        byte* peer = stackalloc byte[128];
        *_peerLength = 128;
        return _ring.SubmitAsync(RingRequest.Accept(_listenFd, (nint)/*~ASYS1004*/peer, (nint)_peerLength, 0));
    }

    public void Dispose() => NativeMemory.Free(_peerLength);
}
