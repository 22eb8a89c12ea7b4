// The B-tree buffer pool evicts a dirty page: it starts the write-back of the frame and, to hand the frame to the next
// page fault quickly, zeroes it right away and only then waits for the write-back. The kernel copies the frame during
// the write, so the page on disk is partly zeros: the next read of that page finds a torn node and the tree is corrupt.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.InFlight.EvictionClearsFrame;

public sealed class Frame(int size)
{
    public Memory<byte> Data { get; } = new byte[size];
    public long PageNo { get; set; } = -1;
    public bool Dirty { get; set; }
    public int Pins { get; set; }
}

public sealed class BufferPool(IoRing ring, int fileFd, int pageSize)
{
    public async Task<Frame> EvictAsync(Frame victim, CancellationToken ct)
    {
        if (victim.Pins != 0)
        {
            throw new InvalidOperationException("cannot evict a pinned page");
        }

        ValueTask writeBack = victim.Dirty
            ? ring.WriteAsync(fileFd, victim.Data, victim.PageNo * pageSize, ct)
            : ValueTask.CompletedTask;
        /*~ASYS1005*/victim.Data.Span.Clear();
        victim.PageNo = -1;
        await writeBack;
        victim.Dirty = false;
        return victim;
    }
}
