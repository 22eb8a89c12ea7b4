// Zip extraction rewrites a local file header (30 bytes) in an ordinary array pinned with `fixed`, wraps the pointer in
// a MemoryManager and returns the ring write's task from inside the block. The pin ends when the method returns; the GC
// may move the array before the kernel copies it, and the header written is whatever now lies at that address.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.StackMemory.ZipHeaderFixedArray;

internal sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
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

public sealed unsafe class LocalHeaderPatcher(IoRing ring, int zipFd)
{
    public ValueTask PatchCrc(long headerOffset, uint crc, uint compressed, uint uncompressed, CancellationToken ct)
    {
        byte[] header = new byte[12];
        BitConverter.TryWriteBytes(header.AsSpan(0, 4), crc);
        BitConverter.TryWriteBytes(header.AsSpan(4, 4), compressed);
        BitConverter.TryWriteBytes(header.AsSpan(8, 4), uncompressed);
        fixed (byte* p = header)
        {
            var memory = new PointerMemory(p, header.Length);
            return ring.WriteAsync(zipFd, /*~ASYS1004*/memory.Memory, headerOffset + 14, ct);
        }
    }
}
