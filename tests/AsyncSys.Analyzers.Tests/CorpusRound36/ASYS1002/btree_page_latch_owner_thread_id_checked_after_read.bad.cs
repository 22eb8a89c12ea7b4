// A B-tree page cache latches a page for a reader by recording the managed thread id as the latch owner, then faults the
// page in from disk through the ring and checks on release that the caller still owns the latch. After the await the
// method resumes on another thread: the owner check fails (or matches another reader's latch that happens to run on
// that thread), and the page is never unlatched, so eviction stalls on it for ever.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.ThreadState.PageLatchOwner;

public sealed class CachedPage(long pageNo, byte[] data)
{
    public long PageNo { get; } = pageNo;
    public byte[] Data { get; } = data;
    public int LatchOwner;
    public bool Loaded;
}

public sealed class PageCache(IoRing ring, int fileFd, int pageSize)
{
    public async Task<CachedPage> FaultInAsync(CachedPage page, CancellationToken ct)
    {
        int me = Environment.CurrentManagedThreadId;
        if (Interlocked.CompareExchange(ref page.LatchOwner, me, 0) != 0)
        {
            throw new InvalidOperationException("page " + page.PageNo + " is latched");
        }

        await ring.ReadExactlyAsync(new Microsoft.Win32.SafeHandles.SafeFileHandle(fileFd, false), page.Data, page.PageNo * pageSize, ct);
        page.Loaded = true;
        if (Interlocked.CompareExchange(ref page.LatchOwner, 0, /*~ASYS1002*/me) != me)
        {
            throw new InvalidOperationException("latch of page " + page.PageNo + " lost");
        }

        return page;
    }
}
