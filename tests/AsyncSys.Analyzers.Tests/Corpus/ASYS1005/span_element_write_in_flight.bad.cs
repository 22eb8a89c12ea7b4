// A flag byte is set through the Memory's span while the write of that memory is in flight.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class PageWriter
{
    public static async Task<int> WriteAsync(IoRing ring, int fd, Memory<byte> page, long offset, CancellationToken cancellationToken)
    {
        ValueTask<int> write = ring.WriteAtMostAsync(fd, page, offset, cancellationToken);
        /*~ASYS1005*/page.Span[0] = 0x80;
        return await write;
    }
}
