// The per-thread chunk is filled at the top of each iteration; from the second one on, that is after an await.
using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class JournalWriter
{
    [ThreadStatic]
    private static byte[]? t_chunk;

    public static async Task<long> AppendAsync(IoRing ring, int fd, IReadOnlyList<string> lines, long offset, CancellationToken cancellationToken)
    {
        byte[] chunk = t_chunk ??= new byte[64 * 1024];
        for (int i = 0; i < lines.Count; i++)
        {
            int length = Encoding.UTF8.GetBytes(lines[i], /*~ASYS1002*/chunk);
            await ring.WriteAsync(fd, chunk.AsMemory(0, length), offset, cancellationToken);
            offset += length;
        }

        return offset;
    }
}
