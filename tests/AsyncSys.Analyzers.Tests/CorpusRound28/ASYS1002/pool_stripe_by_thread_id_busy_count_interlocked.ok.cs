// A memcached client sends "noreply" storage commands (the server answers nothing) over connection stripes chosen by
// thread id (fewer callers contend on one socket), counts busy callers per stripe with Interlocked, and decrements
// after the send completes. Another thread may run the decrement after the await, which is fine: the stripe only
// spreads contention, any thread may use it, and the counter is changed atomically.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.PerThread.PoolStripeInterlocked;

public sealed class StripedNoReplyClient(IoRing ring, int[] stripeFds)
{
    private readonly int[] _busy = new int[stripeFds.Length];

    public int Busy(int stripe) => Volatile.Read(ref _busy[stripe]);

    public async Task SetNoReplyAsync(ReadOnlyMemory<byte> command, CancellationToken ct)
    {
        int stripe = Environment.CurrentManagedThreadId % stripeFds.Length;
        int fd = stripeFds[stripe];
        Interlocked.Increment(ref _busy[stripe]);
        try
        {
            int sent = await ring.SendAsync(fd, command, MessageFlags.NoSignal, ct);
            if (sent != command.Length) throw new InvalidOperationException("short send on stripe " + stripe);
        }
        finally
        {
            Interlocked.Decrement(ref _busy[stripe]);
        }
    }
}
