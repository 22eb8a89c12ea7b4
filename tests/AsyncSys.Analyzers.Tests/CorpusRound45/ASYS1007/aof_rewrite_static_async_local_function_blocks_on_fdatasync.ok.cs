// A Redis AOF rewriter's static async local function writes the rewritten block with ConfigureAwait(false) and then awaits the generated fdatasync variant.
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus45.AofRewriteOk;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fdatasync(int fd);
}

internal sealed class AofRewriter(IoRing ring, int aofFd)
{
    public async Task<long> RewriteAsync(IAsyncEnumerable<ReadOnlyMemory<byte>> blocks, CancellationToken ct)
    {
        long offset = 0;
        await foreach (ReadOnlyMemory<byte> block in blocks.WithCancellation(ct).ConfigureAwait(false))
        {
            offset += await Append(ring, aofFd, block, offset, ct).ConfigureAwait(false);
        }

        return offset;

        static async ValueTask<int> Append(IoRing ring, int fd, ReadOnlyMemory<byte> block, long offset, CancellationToken ct)
        {
            int written = await ring.WriteAtMostAsync(fd, block, offset, ct).ConfigureAwait(false);
            await Native.FdatasyncAsync(ring, fd, ct).ConfigureAwait(false);
            return written;
        }
    }
}
