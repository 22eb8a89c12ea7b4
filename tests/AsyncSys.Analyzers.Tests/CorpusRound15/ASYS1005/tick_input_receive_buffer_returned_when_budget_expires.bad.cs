// A game server gives input polling a fixed slice of each tick: it races the ring receive against the tick budget and,
// when the budget wins, returns the pooled datagram buffer and moves on ("the late packet is read next tick"). The
// receive is still posted: when the packet arrives the kernel writes it into an array the pool has since handed to
// another tick's snapshot encoder, so a player's input bytes appear inside the next world snapshot.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.BufferInFlight.TickBudgetReturnsBuffer;

public sealed class InputPoller(IoRing ring, int socketFd, Action<ReadOnlySpan<byte>> onInput)
{
    public async Task<int> PollAsync(TimeSpan budget, CancellationToken ct)
    {
        byte[] datagram = ArrayPool<byte>.Shared.Rent(1500);
        Task<int> receive = ring.ReceiveAsync(socketFd, datagram, MessageFlags.None, ct).AsTask();
        if (await Task.WhenAny(receive, Task.Delay(budget, ct)) != receive)
        {
            ArrayPool<byte>.Shared.Return(/*~ASYS1005*/datagram);
            return 0;
        }

        int n = await receive;
        onInput(datagram.AsSpan(0, n));
        ArrayPool<byte>.Shared.Return(datagram);
        return n;
    }
}
