// ValueTasks are handed to a generic tracing helper, stored in a tuple and returned: each is awaited once by whoever gets it.
using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal static class Traced
{
    public static async ValueTask<T> Time<T>(ValueTask<T> operation, string name)
    {
        long start = Stopwatch.GetTimestamp();
        T result = await operation;
        Console.WriteLine($"{name} took {Stopwatch.GetElapsedTime(start).TotalMilliseconds} ms");
        return result;
    }

    public static ValueTask<int> ReadAsync(IoRing ring, int fd, byte[] buffer, CancellationToken cancellationToken) =>
        Time(ring.ReadAsync(fd, buffer, 0, cancellationToken), nameof(ReadAsync));

    public static (ValueTask<int> Operation, DateTime Started) Begin(IoRing ring, int socket, byte[] buffer) =>
        (ring.ReceiveAsync(socket, buffer), DateTime.UtcNow);
}
