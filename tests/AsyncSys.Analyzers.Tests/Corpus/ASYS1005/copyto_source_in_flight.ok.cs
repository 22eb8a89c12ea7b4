// While a write reads the buffer, copying out of it (not into it) is harmless.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Mirror
{
    public static async Task<int> WriteAndKeepAsync(IoRing ring, int fd, byte[] block, byte[] shadow, long offset, CancellationToken cancellationToken)
    {
        ValueTask<int> write = ring.WriteAtMostAsync(fd, block, offset, cancellationToken);
        block.AsSpan().CopyTo(shadow);
        return await write;
    }
}
