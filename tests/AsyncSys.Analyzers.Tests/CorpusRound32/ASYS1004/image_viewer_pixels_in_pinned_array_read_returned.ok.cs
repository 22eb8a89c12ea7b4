// The image viewer made right: the back buffer is allocated once on the pinned object heap and never replaced, so the
// pointer taken in the fixed block stays valid after it (the array never moves and the field keeps it alive).
using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round32.Stack.PixelsPinnedReadReturned;

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
    private readonly byte[] _pixels = GC.AllocateArray<byte>(width * height * 4, pinned: true);

    public unsafe ValueTask<int> LoadAsync(int imageFd, long pixelOffset)
    {
        fixed (byte* p = _pixels)
        {
            var manager = new PointerMemory(p, _pixels.Length);
            return ring.ReadAsync(imageFd, manager.Memory, pixelOffset);
        }
    }
}
