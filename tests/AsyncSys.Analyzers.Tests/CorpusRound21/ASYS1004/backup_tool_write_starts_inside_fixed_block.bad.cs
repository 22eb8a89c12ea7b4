// A backup CLI tool reuses a pointer MemoryManager it wrote for native interop: it pins each chunk array with `fixed`,
// wraps the pointer and starts the write inside the block, then awaits it after the block. The pin ends at the
// closing brace; a GC during the write may move the array and the kernel writes whatever is at the old address into
// the backup.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.StackMemory.BackupWriteFixedChunk;

public sealed unsafe class PointerMemoryManager : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    public PointerMemoryManager(byte* pointer, int length)
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

public sealed class BackupWriter(IoRing ring, int outputFd)
{
    public async Task WriteChunkAsync(byte[] chunk, int length, long offset, CancellationToken ct)
    {
        ValueTask write = StartWrite(chunk, length, offset, ct);
        await write.ConfigureAwait(false);
    }

    private unsafe ValueTask StartWrite(byte[] chunk, int length, long offset, CancellationToken ct)
    {
        fixed (byte* p = chunk)
        {
            var manager = new PointerMemoryManager(p, length);
            return ring.WriteAsync(outputFd, /*~ASYS1004*/manager.Memory, offset, ct);
        }
    }
}
