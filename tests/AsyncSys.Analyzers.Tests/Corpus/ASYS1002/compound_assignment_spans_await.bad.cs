// `t_bytes += await ...` reads the [ThreadStatic] field before the await and writes it after, maybe on another thread.
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
        /*~ASYS1002*/t_bytes += await ring.ReadAsync(fd, buffer, 0, cancellationToken);
    }
}
