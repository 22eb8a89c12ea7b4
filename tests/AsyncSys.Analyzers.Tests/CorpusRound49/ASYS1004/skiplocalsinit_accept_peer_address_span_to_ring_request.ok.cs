// A hand-tuned acceptor marked [SkipLocalsInit] keeps the peer's sockaddr and its length in native memory it allocates once (NativeMemory.AlignedAlloc) and frees only in Dispose, after its accepts ended, and hands those addresses to the ring's accept request it returns unawaited.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus49.AcceptPeerOk;

internal sealed unsafe class FastAcceptor : IDisposable
{
    private const int SOCK_CLOEXEC = 0x80000;
    private readonly IoRing _ring;
    private readonly int _listener;
    private readonly byte* _peer;
    private readonly uint* _peerLength;

    public FastAcceptor(IoRing ring, int listener)
    {
        _ring = ring;
        _listener = listener;
        _peer = (byte*)NativeMemory.AlignedAlloc(128, 64);
        _peerLength = (uint*)NativeMemory.AlignedAlloc(sizeof(uint), 64);
    }

    [SkipLocalsInit]
    public ValueTask<int> AcceptAsync(CancellationToken ct)
    {
        *_peerLength = 128;
        nint address = (nint)Unsafe.AsPointer(ref Unsafe.AsRef<byte>(_peer));
        nint length = (nint)_peerLength;
        return _ring.SubmitAsync(RingRequest.Accept(_listener, address, length, SOCK_CLOEXEC), ct);
    }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_peer);
        NativeMemory.AlignedFree(_peerLength);
    }
}
