// The page cache latch made right: the owner is a ticket drawn from a counter for this fault-in, not the thread id, so it
// still identifies the latch holder after the await resumes on another thread.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.ThreadState.PageLatchTicket;

public sealed class CachedPage(long pageNo, byte[] data)
{
    public long PageNo { get; } = pageNo;
    public byte[] Data { get; } = data;
    public int LatchOwner;
    public bool Loaded;
}

public sealed class PageCache(IoRing ring, int fileFd, int pageSize)
{
    private static int s_nextTicket;

    public async Task<CachedPage> FaultInAsync(CachedPage page, CancellationToken ct)
    {
        int me = Interlocked.Increment(ref s_nextTicket) | 1;
        if (Interlocked.CompareExchange(ref page.LatchOwner, me, 0) != 0)
        {
            throw new InvalidOperationException("page " + page.PageNo + " is latched");
        }

        await ring.ReadExactlyAsync(new Microsoft.Win32.SafeHandles.SafeFileHandle(fileFd, false), page.Data, page.PageNo * pageSize, ct);
        page.Loaded = true;
        if (Interlocked.CompareExchange(ref page.LatchOwner, 0, me) != me)
        {
            throw new InvalidOperationException("latch of page " + page.PageNo + " lost");
        }

        return page;
    }
}
