// The same loop with a buffer owned by the call.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Scanner
{
    public static async Task<int> CountLinesAsync(IoRing ring, int fd, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[16 * 1024];
        long offset = 0;
        int lines = 0;
        int n;
        do
        {
            n = await ring.ReadAsync(fd, buffer, offset, cancellationToken);
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
            offset += n;
        }
        while (n > 0);

        return lines;
    }
}
