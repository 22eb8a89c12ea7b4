// A page cache is a partial class: one part declares the page array and its bookkeeping, the other (in the same file) starts the read that fills the page. The prefetch keeps the read's task in a local, wipes the page array in case a short read leaves stale bytes, and awaits afterwards: the wipe races the kernel's copy into the same array.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.PartialPageFieldBad;

internal sealed partial class PageCache
{
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly byte[] _page = new byte[4096];
    private long _pageOffset = -1;

    public PageCache(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }
}

internal sealed partial class PageCache
{
    public async Task<ReadOnlyMemory<byte>> LoadAsync(long offset, CancellationToken ct)
    {
        ValueTask<int> read = _ring.ReadAsync(_fd, _page, offset, ct);
        /*~ASYS1005*/Array.Clear(_page);
        int n = await read.ConfigureAwait(false);
        _pageOffset = offset;
        return _page.AsMemory(0, n);
    }
}
