// A per-thread scratch buffer (through a property) is read into in a do/while loop and parsed after each await.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Scanner
{
    [ThreadStatic]
    private static byte[]? t_scratch;

    private static byte[] Scratch => t_scratch ??= new byte[16 * 1024];

    public static async Task<int> CountLinesAsync(IoRing ring, int fd, CancellationToken cancellationToken)
    {
        byte[] buffer = Scratch;
        long offset = 0;
        int lines = 0;
        int n;
        do
        {
            n = await ring.ReadAsync(fd, buffer, offset, cancellationToken);
            lines += /*~ASYS1002*/buffer.AsSpan(0, n).Count((byte)'\n');
            offset += n;
        }
        while (n > 0);

        return lines;
    }
}
