// A backup uploader pins a pooled chunk with `fixed`, hands the pointer (wrapped in a MemoryManager) to the ring's write
// into the repository file, leaves the block and only then awaits the write. Between the closing brace and the
// completion the array is unpinned; a compacting GC moves it and the kernel writes whatever now lives at the old
// address into the backup: a silently corrupt chunk that only shows up on restore.
using System;
using System.Buffers;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.StackMemory.ChunkFixedPooled;

internal sealed unsafe class UnmanagedMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);
    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);
    public override void Unpin() { }
    protected override void Dispose(bool disposing) { }
}

public static class ChunkUploader
{
    public static async Task UploadAsync(IoRing ring, int packFd, byte[] chunk, int length, long offset)
    {
        await StartWrite(ring, packFd, chunk, length, offset);
    }

    private static unsafe ValueTask StartWrite(IoRing ring, int packFd, byte[] chunk, int length, long offset)
    {
        ValueTask write;
        fixed (byte* p = chunk)
        {
            var view = new UnmanagedMemory(p, length);
            write = ring.WriteAsync(packFd, /*~ASYS1004*/view.Memory, offset);
        }

        return write;
    }
}
