// A synchronous SSTable open path reads the footer into stackalloc memory through a helper that starts the O_DIRECT
// read and returns its task; the caller polls the task's IsCompleted a few times and gives up on a slow disk, returning
// "footer unavailable". The read is still queued on the ring and later writes 4 KiB into a stack frame that now belongs
// to other calls: silent corruption of unrelated locals.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.StackMemory.SstableFooterStack;

internal sealed unsafe class StackWindow(byte* pointer, int length) : MemoryManager<byte>
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

public sealed unsafe class SstableFooterProbe(IoRing ring)
{
    public long TryReadIndexOffset(DirectFileHandle table, long fileLength)
    {
        byte* footer = stackalloc byte[4096];
        ValueTask<int> read = StartRead(table, /*~ASYS1004*/footer, fileLength - 4096);
        for (int spin = 0; spin < 100 && !read.IsCompleted; spin++)
        {
            Thread.SpinWait(64);
        }

        if (!read.IsCompletedSuccessfully)
        {
            return -1;
        }

        if (read.Result != 4096)
        {
            return -1;
        }

        return *(long*)(footer + 4080);
    }

    private ValueTask<int> StartRead(DirectFileHandle table, byte* block, long offset)
    {
        var window = new StackWindow(block, 4096);
        return ring.ReadAsync(table, window.Memory, offset);
    }
}
