// The count is awaited first; the [ThreadStatic] field is only touched after the await.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class ReadStats
{
    [ThreadStatic]
    private static long t_bytes;

    public static long BytesOnThisThread => t_bytes;

    public static async Task ReadAsync(IoRing ring, int fd, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int n = await ring.ReadAsync(fd, buffer, 0, cancellationToken);
        t_bytes += n;
    }
}
