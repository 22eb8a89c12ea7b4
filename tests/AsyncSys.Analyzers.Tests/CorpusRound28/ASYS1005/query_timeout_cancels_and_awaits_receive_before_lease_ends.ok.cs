// The per-query timeout made right: when the delay wins, the receive is cancelled and awaited (its cancellation or
// late completion observed) before the method throws, so the lease's `using` returns the array only after the kernel
// is done with it.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.InFlight.QueryTimeoutAwaitsReceive;

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
        using var receiveCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var lease = new ReplyLease(64 * 1024);
        Task<int> reply = ring.ReceiveAsync(fd, lease.Memory, MessageFlags.None, receiveCancel.Token).AsTask();
        if (await Task.WhenAny(reply, Task.Delay(timeout, ct)) != reply)
        {
            receiveCancel.Cancel();
            try
            {
                await reply;
            }
            catch (OperationCanceledException)
            {
                // The receive ended because of the cancellation: the kernel no longer holds the lease's array.
            }

            throw new TimeoutException($"no reply within {timeout.TotalSeconds:F0} s");
        }

        int n = await reply;
        return lease.Memory[..n].ToArray();
    }
}
