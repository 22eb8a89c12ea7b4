// The work is charged to the thread that finished it, read after the await.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class ThreadAccounting
{
    private static readonly ConcurrentDictionary<int, long> s_bytesByThread = new();

    public static async Task<int> ReadAsync(IoRing ring, int fd, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int n = await ring.ReadAsync(fd, buffer, 0, cancellationToken);
        int thread = Thread.CurrentThread.ManagedThreadId;
        s_bytesByThread.AddOrUpdate(thread, n, (_, total) => total + n);
        return n;
    }
}
