// The page cache's page load made right: the frame array itself is handed to the read as Memory<byte>, which AsyncSys
// pins until the read completes, so the GC cannot move it under the kernel.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.StackMemory.PageFrameMemory;

public sealed class PageFrames(IoRing ring, int fileFd, int pageSize)
{
    private readonly byte[][] _frames = CreateFrames(64, pageSize);

    private static byte[][] CreateFrames(int count, int size)
    {
        var frames = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            frames[i] = new byte[size];
        }

        return frames;
    }

    public ValueTask<int> LoadPage(int frame, long pageNo, CancellationToken ct) =>
        ring.ReadAsync(fileFd, _frames[frame].AsMemory(0, pageSize), pageNo * pageSize, ct);
}
