// If the step between submit and await throws, finally hands the buffer back while the read runs on.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class IndexLoader
{
    public static async Task<int> LoadAsync(IoRing ring, int fd, Func<int, int> validateFd, CancellationToken cancellationToken)
    {
        byte[] page = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            ValueTask<int> read = ring.ReadAsync(fd, page.AsMemory(0, 4096), 0, cancellationToken);
            int checkedFd = validateFd(fd);
            int n = await read;
            return n + checkedFd;
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(page);
        }
    }
}
