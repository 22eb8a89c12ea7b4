using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.InFlight.ThrottleCancel;

/// <summary>
/// Reads a page ahead of a decoder pool: the read is started first, then the caller waits for a decoder slot.
/// When that wait is cancelled the pooled page goes back while the read is still filling it.
/// </summary>
internal sealed class PrefetchingReader
{
    private const int PageSize = 8192;
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly SemaphoreSlim _decoders = new(4);

    public PrefetchingReader(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public async ValueTask<int> ReadPageAsync(long pageNo, Memory<byte> destination, CancellationToken cancellationToken)
    {
        byte[] page = ArrayPool<byte>.Shared.Rent(PageSize);
        ValueTask<int> read = _ring.ReadAsync(_fd, page.AsMemory(0, PageSize), pageNo * PageSize, cancellationToken);
        try
        {
            await _decoders.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(page);
            throw;
        }

        try
        {
            int n = await read;
            page.AsSpan(0, n).CopyTo(destination.Span);
            return n;
        }
        finally
        {
            _decoders.Release();
            ArrayPool<byte>.Shared.Return(page);
        }
    }
}
