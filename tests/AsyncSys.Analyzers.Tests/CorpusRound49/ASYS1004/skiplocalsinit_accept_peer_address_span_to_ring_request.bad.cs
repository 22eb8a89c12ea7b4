// A hand-tuned acceptor marked [SkipLocalsInit] takes the peer's sockaddr and its length into stackalloc spans (no zeroing, no allocation) and hands their addresses, through MemoryMarshal.GetReference and Unsafe.AsPointer, to the ring's accept request it returns unawaited; the kernel writes the peer address into a frame that is gone.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus49.AcceptPeerBad;

internal sealed unsafe class FastAcceptor(IoRing ring, int listener)
{
    private const int SOCK_CLOEXEC = 0x80000;

    [SkipLocalsInit]
    public ValueTask<int> AcceptAsync(CancellationToken ct)
    {
        Span<byte> peer = stackalloc byte[128];
        Span<uint> peerLength = stackalloc uint[1];
        peerLength[0] = 128;
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(peer));
        nint length = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(peerLength));
        return ring.SubmitAsync(RingRequest.Accept(listener, /*~ASYS1004*/address, /*~ASYS1004*/length, SOCK_CLOEXEC), ct);
    }
}
