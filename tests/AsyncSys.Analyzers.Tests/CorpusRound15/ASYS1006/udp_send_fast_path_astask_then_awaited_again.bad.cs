// A UDP server's send path: if the ring send completed synchronously it is done; otherwise its task goes into the set of
// sends the tick waits for at its end, and the method still awaits the send to log its size. On the slow path the same
// ValueTask is consumed twice (AsTask and await): the second consumer may observe the recycled source's next operation.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round15.Observed.FastPathTwice;

public sealed class TickSender(IoRing ring, int socketFd)
{
    private readonly List<Task> _pendingThisTick = new();

    public async Task<long> SendAsync(byte[] packet, int length, CancellationToken ct)
    {
        ValueTask<int> send = ring.SendAsync(socketFd, packet.AsMemory(0, length), MessageFlags.None, ct);
        if (!send.IsCompletedSuccessfully)
        {
            _pendingThisTick.Add(send.AsTask());
        }

        int sent = await /*~ASYS1006*/send;
        return sent;
    }

    public Task EndTickAsync() => Task.WhenAll(_pendingThisTick);
}
