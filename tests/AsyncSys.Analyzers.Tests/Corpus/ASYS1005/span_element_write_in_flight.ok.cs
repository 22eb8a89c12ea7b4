// The flag byte is set before the write starts.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class PageWriter
{
    public static async Task<int> WriteAsync(IoRing ring, int fd, Memory<byte> page, long offset, CancellationToken cancellationToken)
    {
        page.Span[0] = 0x80;
        return await ring.WriteAtMostAsync(fd, page, offset, cancellationToken);
    }
}
