// Input polling with a tick budget, written right: when the budget expires the receive is cancelled through its own
// token source and awaited (completed or cancelled) before the pooled buffer goes back.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.BufferInFlight.TickBudgetCancelsReceive;

public sealed class InputPoller(IoRing ring, int socketFd, Action<ReadOnlySpan<byte>> onInput)
{
    public async Task<int> PollAsync(TimeSpan budget, CancellationToken ct)
    {
        byte[] datagram = ArrayPool<byte>.Shared.Rent(1500);
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(ct);
        expiry.CancelAfter(budget);
        try
        {
            int n = await ring.ReceiveAsync(socketFd, datagram, MessageFlags.None, expiry.Token);
            onInput(datagram.AsSpan(0, n));
            return n;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(datagram);
        }
    }
}
