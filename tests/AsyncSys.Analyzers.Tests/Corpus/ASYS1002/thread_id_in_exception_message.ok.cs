// The captured thread id only goes into an exception message after the await.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Guarded
{
    public static async Task<int> ReadExactAsync(IoRing ring, int fd, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int caller = Environment.CurrentManagedThreadId;
        int n = await ring.ReadAsync(fd, buffer, 0, cancellationToken);
        if (n != buffer.Length)
        {
            throw new InvalidOperationException($"short read ({n} of {buffer.Length}) for a call made on thread {caller}");
        }

        return n;
    }
}
