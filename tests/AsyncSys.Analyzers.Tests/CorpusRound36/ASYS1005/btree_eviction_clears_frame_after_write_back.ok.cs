// The buffer pool's eviction made right: the dirty frame's write-back is awaited before the frame is zeroed and handed
// to the next page fault.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.InFlight.EvictionClearsAfterWrite;

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

        if (victim.Dirty)
        {
            await ring.WriteAsync(fileFd, victim.Data, victim.PageNo * pageSize, ct);
            victim.Dirty = false;
        }

        victim.Data.Span.Clear();
        victim.PageNo = -1;
        return victim;
    }
}
