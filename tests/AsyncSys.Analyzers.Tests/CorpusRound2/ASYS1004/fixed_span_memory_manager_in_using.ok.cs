// The frame is written from the array itself: AsyncSys pins it for as long as the operation runs.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Frames
{
    public static ValueTask<int> WriteFrameAsync(IoRing ring, int fd, byte[] frame, long offset, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> payload = frame.AsMemory(4);
        return ring.WriteAtMostAsync(fd, payload, offset, cancellationToken);
    }
}
