using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Stack.PinnedHeap;

internal static class Heartbeat
{
    // On the pinned object heap and held by a static field: it never moves and never dies.
    private static readonly byte[] s_header = GC.AllocateArray<byte>(56, pinned: true);

    public static unsafe ValueTask<int> SendHeartbeat(IoRing ring, int fd)
    {
        fixed (byte* header = s_header)
        {
            return ring.SubmitAsync(RingRequest.SendMsg(fd, (nint)header, 0));
        }
    }
}
