// A prefetcher's synchronous version warmed the page cache with RandomAccess.Read into a rented scratch array and returned it in a finally. The port turned the read into ring.ReadAsync and returns its ValueTask instead of awaiting it, but the finally still runs as the method returns: the scratch goes back to the pool while the kernel is still filling it.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.PrefetchScratchBad;

internal sealed class Prefetcher(IoRing ring, int fd)
{
    private const int Window = 128 * 1024;

    public ValueTask<int> PrefetchAsync(long offset, CancellationToken ct)
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(Window);
        try
        {
            return ring.ReadAsync(fd, scratch.AsMemory(0, Window), offset, ct);
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
