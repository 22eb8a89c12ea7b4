// The thread id read before the await is used after it to charge work to a per-thread counter.
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
        int thread = Thread.CurrentThread.ManagedThreadId;
        int n = await ring.ReadAsync(fd, buffer, 0, cancellationToken);
        s_bytesByThread.AddOrUpdate(/*~ASYS1002*/thread, n, (_, total) => total + n);
        return n;
    }
}
