// A B-tree page cache reads a page into its frame array: it pins the array with `fixed`, wraps the pointer in a
// MemoryManager so the read goes straight into the frame, and returns the read's task from inside the block. The pin
// ends at the closing brace; a GC then compacts the heap and moves the frame array while the kernel is still writing the
// page, so the page lands on other objects and the cached frame holds garbage.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.StackMemory.PageFrameFixed;

internal sealed unsafe class PinnedSpanMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

public sealed unsafe class PageFrames(IoRing ring, int fileFd, int pageSize)
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

    public ValueTask<int> LoadPage(int frame, long pageNo, CancellationToken ct)
    {
        fixed (byte* p = _frames[frame])
        {
            var window = new PinnedSpanMemory(p, pageSize);
            return ring.ReadAsync(fileFd, /*~ASYS1004*/window.Memory, pageNo * pageSize, ct);
        }
    }
}
