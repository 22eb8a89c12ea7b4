// The uploader sends a frame from its scratch array and, to save time, writes the next frame's header into the same
// array through a MemoryStream before the send completes. The MemoryStream writes at position 0 of the array the send
// is still reading: the collector receives the next frame's header in place of this one's.
using System;
using System.IO;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.InFlight.HeaderThroughMemoryStream;

public sealed class FrameUploader(IoRing ring, int socketFd)
{
    private readonly byte[] _scratch = new byte[64 * 1024];

    public async Task<int> SendAndStageAsync(int length, ReadOnlyMemory<byte> nextHeader)
    {
        ValueTask<int> send = ring.SendAsync(socketFd, _scratch.AsMemory(0, length));
        using var staging = new MemoryStream(_scratch);
        /*~ASYS1005*/staging.Write(nextHeader.Span);
        return await send;
    }
}
