// A fixed pointer wrapped in a MemoryManager; the pin ends at the brace, the write goes on.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal sealed unsafe class UnmanagedMemoryManager<T>(T* pointer, int length) : MemoryManager<T>
    where T : unmanaged
{
    public override Span<T> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}

internal static unsafe class BlockWriter
{
    public static ValueTask<int> WriteBlockAsync(IoRing ring, int fd, byte[] block, long offset)
    {
        fixed (byte* p = block)
        {
            var memory = new UnmanagedMemoryManager<byte>(p, block.Length).Memory;
            return ring.WriteAtMostAsync(fd, /*~ASYS1004*/memory, offset);
        }
    }
}
