// The buffer is written only on paths where the read was already awaited.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class LineReader
{
    public static async Task<int> ReadTerminatedAsync(IoRing ring, int fd, byte[] buffer, bool terminate, CancellationToken cancellationToken)
    {
        ValueTask<int> read = ring.ReadAsync(fd, buffer.AsMemory(0, buffer.Length - 1), 0, cancellationToken);
        if (terminate)
        {
            int n = await read;
            buffer[n] = (byte)'\n';
            return n + 1;
        }

        return await read;
    }
}
