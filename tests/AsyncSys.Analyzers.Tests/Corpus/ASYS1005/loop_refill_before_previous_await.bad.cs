// Pipelined writer: each iteration refills the buffer before awaiting the previous iteration's write.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Pipeline
{
    public static async Task<long> WriteAllAsync(IoRing ring, int fd, IReadOnlyList<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[8192];
        ValueTask<int> pending = default;
        long offset = 0;
        foreach (ReadOnlyMemory<byte> record in records)
        {
            record.Span.CopyTo(/*~ASYS1005*/buffer);
            offset += await pending;
            pending = ring.WriteAtMostAsync(fd, buffer.AsMemory(0, record.Length), offset, cancellationToken);
        }

        return offset + await pending;
    }
}
