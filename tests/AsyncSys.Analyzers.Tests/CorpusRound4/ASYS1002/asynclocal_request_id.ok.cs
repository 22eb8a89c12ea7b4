using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.PerThread.RequestId;

internal static class RequestScope
{
    private static readonly AsyncLocal<long> s_requestId = new();
    private static long s_next;

    public static async Task<int> ServeAsync(IoRing ring, int fd, Memory<byte> buffer)
    {
        s_requestId.Value = Interlocked.Increment(ref s_next);
        int n = await ring.ReceiveAsync(fd, buffer);
        Console.WriteLine($"request {s_requestId.Value}: {n} bytes");   // flows with the async call
        return n;
    }
}
