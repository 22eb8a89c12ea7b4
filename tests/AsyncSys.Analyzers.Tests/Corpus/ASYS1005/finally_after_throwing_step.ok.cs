// The validation runs before the read is submitted, so the finally only follows a completed read.
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
            int checkedFd = validateFd(fd);
            int n = await ring.ReadAsync(fd, page.AsMemory(0, 4096), 0, cancellationToken);
            return n + checkedFd;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(page);
        }
    }
}
