// A backup uploader keeps one staging buffer allocated on the pinned object heap for its whole life and hands a
// pointer into it to the ring: the array never moves and is never freed while the uploader exists, so the pointer
// stays valid after the `fixed` block ends (the docs name this shape as safe).
using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.StackMemory.ChunkPinnedField;

internal sealed unsafe class UnmanagedMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);
    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
    public override void Unpin() { }
    protected override void Dispose(bool disposing) { }
}

public sealed class ChunkUploader(IoRing ring, int packFd)
{
    private readonly byte[] _staging = GC.AllocateUninitializedArray<byte>(1 << 20, pinned: true);

    public async Task UploadAsync(ReadOnlyMemory<byte> chunk, long offset)
    {
        chunk.Span.CopyTo(_staging);
        await StartWrite(chunk.Length, offset);
    }

    private unsafe ValueTask StartWrite(int length, long offset)
    {
        ValueTask write;
        fixed (byte* p = _staging)
        {
            var view = new UnmanagedMemory(p, length);
            write = ring.WriteAsync(packFd, view.Memory, offset);
        }

        return write;
    }
}
