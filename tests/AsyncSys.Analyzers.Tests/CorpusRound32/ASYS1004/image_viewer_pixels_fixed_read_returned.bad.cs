// An image viewer reads raw pixels straight into its back buffer through a pointer MemoryManager made inside a fixed
// block, and returns the read's task. The pin ends at the closing brace: the GC may compact the heap and move the
// array while the kernel is still writing, scribbling over whatever object lands there.
using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.Stack.PixelsFixedReadReturned;

internal sealed unsafe class PointerMemory : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public PointerMemory(byte* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

public sealed class BackBuffer(IoRing ring, int width, int height)
{
    private byte[] _pixels = new byte[width * height * 4];

    public void Resize(int newWidth, int newHeight) => _pixels = new byte[newWidth * newHeight * 4];

    public unsafe ValueTask<int> LoadAsync(int imageFd, long pixelOffset)
    {
        fixed (byte* p = _pixels)
        {
            var manager = new PointerMemory(p, _pixels.Length);
            return ring.ReadAsync(imageFd, /*~ASYS1004*/manager.Memory, pixelOffset);
        }
    }
}
