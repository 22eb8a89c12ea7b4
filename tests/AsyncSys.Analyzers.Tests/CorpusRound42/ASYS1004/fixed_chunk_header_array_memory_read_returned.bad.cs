// A chunk header read pins an ordinary header array with fixed and returns a read into memory over the pointer: the pin ends at the brace, the GC may move the array.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace ArrayStore;

internal sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);
    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
    public override void Unpin() { }
    protected override void Dispose(bool disposing) { }
}

public sealed unsafe class ChunkHeaderReader(IoRing ring, int fd)
{
    private readonly byte[] _header = new byte[32];

    public ReadOnlySpan<byte> Header => _header;

    public ValueTask<int> ReadHeader(long chunkOffset, CancellationToken ct)
    {
        fixed (byte* p = _header)
        {
            var memory = new PointerMemory(p, _header.Length);
            return ring.ReadAsync(fd, /*~ASYS1004*/memory.Memory, chunkOffset, ct);
        }
    }
}
