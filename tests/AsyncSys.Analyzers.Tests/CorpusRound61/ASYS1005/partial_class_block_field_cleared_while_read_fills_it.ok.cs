// The page cache's other part wipes the page array before it starts the read, then awaits the read; the array is written only while no operation holds it.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.PartialPageFieldOk;

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
        Array.Clear(_page);
        ValueTask<int> read = _ring.ReadAsync(_fd, _page, offset, ct);
        int n = await read.ConfigureAwait(false);
        _pageOffset = offset;
        return _page.AsMemory(0, n);
    }
}
