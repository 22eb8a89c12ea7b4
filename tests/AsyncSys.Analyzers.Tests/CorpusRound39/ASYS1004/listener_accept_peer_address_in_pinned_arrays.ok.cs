// The same accept with the peer address and its length in arrays on the pinned object heap, held by readonly fields
// set only to such arrays: they neither move nor die when the fixed block ends. The accept loop awaits each accept
// before it posts the next, so one accept at a time uses them.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round39.StackMemory.ListenerAcceptPinned;

public sealed class BrokerListener(IoRing ring, int listenFd)
{
    private readonly byte[] _peer = GC.AllocateArray<byte>(128, pinned: true);
    private readonly int[] _peerLength = GC.AllocateArray<int>(1, pinned: true);

    public unsafe ValueTask<int> AcceptNext(CancellationToken ct)
    {
        _peerLength[0] = 128;
        fixed (byte* peer = _peer)
        fixed (int* peerLength = _peerLength)
        {
            return ring.SubmitAsync(RingRequest.Accept(listenFd, (nint)peer, (nint)peerLength, 0), ct);
        }
    }
}
