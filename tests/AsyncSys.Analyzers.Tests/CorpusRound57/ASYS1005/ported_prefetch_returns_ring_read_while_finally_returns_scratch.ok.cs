// A prefetcher ported from RandomAccess.Read to ring.ReadAsync became async and awaits the read inside the try, so the finally returns the scratch array only after the kernel has finished with it.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.PrefetchScratchOk;

internal sealed class Prefetcher(IoRing ring, int fd)
{
    private const int Window = 128 * 1024;

    public async ValueTask<int> PrefetchAsync(long offset, CancellationToken ct)
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(Window);
        try
        {
            return await ring.ReadAsync(fd, scratch.AsMemory(0, Window), offset, ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
