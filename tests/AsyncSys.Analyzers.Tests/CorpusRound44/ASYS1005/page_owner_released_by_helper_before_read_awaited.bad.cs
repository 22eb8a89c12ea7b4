// A page cache reads a page into memory rented from MemoryPool and hands the owner to a release helper that disposes it before the read is awaited (the helper runs on the miss path's bookkeeping).
using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round44.Pages;

public sealed class PageCache
{
    private const int PageSize = 8192;
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly ConcurrentDictionary<long, byte[]> _pages = new();

    public PageCache(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public async ValueTask<byte[]> LoadAsync(long pageNumber, CancellationToken ct)
    {
        IMemoryOwner<byte> owner = MemoryPool<byte>.Shared.Rent(PageSize);
        ValueTask<int> read = _ring.ReadAsync(_fd, owner.Memory[..PageSize], pageNumber * PageSize, ct);
        /*~ASYS1005*/Release(owner);           // gives the memory back while the kernel fills it
        int n = await read;
        byte[] copy = owner.Memory[..n].ToArray();
        _pages[pageNumber] = copy;
        return copy;
    }

    private static void Release(IMemoryOwner<byte> lease)
    {
        lease.Dispose();
    }
}
