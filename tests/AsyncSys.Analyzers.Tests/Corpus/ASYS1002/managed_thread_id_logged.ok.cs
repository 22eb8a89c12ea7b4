// The thread id captured before the await is only logged after it: not a hazard.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus;

internal static class Tracing
{
    public static async Task<int> ReadTracedAsync(IoRing ring, int fd, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int startedOn = Thread.CurrentThread.ManagedThreadId;
        int n = await ring.ReadAsync(fd, buffer, 0, cancellationToken);
        Console.WriteLine($"read {n} bytes, started on thread {startedOn}, finished on {Environment.CurrentManagedThreadId}");
        return n;
    }
}
