// A driver enforces a per-query timeout by racing the reply's receive (as a Task) against Task.Delay. The receive
// buffer is a pooled lease held by a `using` declaration. When the delay wins, the method throws TimeoutException and
// the lease is disposed (its array returned to the pool) while the receive is still posted: the server's late reply
// is then written by the kernel into an array the pool has already handed to another query.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.InFlight.QueryTimeoutDisposesLease;

public sealed class ReplyLease : IDisposable
{
    private byte[]? _array;

    public ReplyLease(int size) => _array = ArrayPool<byte>.Shared.Rent(size);

    public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(ReplyLease));

    public void Dispose()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}

public sealed class QueryRunner(IoRing ring, int fd)
{
    public async Task<byte[]> QueryAsync(ReadOnlyMemory<byte> query, TimeSpan timeout, CancellationToken ct)
    {
        await ring.SendAsync(fd, query, MessageFlags.NoSignal, ct);
        /*~ASYS1005*/using var lease = new ReplyLease(64 * 1024);
        Task<int> reply = ring.ReceiveAsync(fd, lease.Memory, MessageFlags.None, ct).AsTask();
        if (await Task.WhenAny(reply, Task.Delay(timeout, ct)) != reply)
        {
            throw new TimeoutException($"no reply within {timeout.TotalSeconds:F0} s");
        }

        int n = await reply;
        return lease.Memory[..n].ToArray();
    }
}
