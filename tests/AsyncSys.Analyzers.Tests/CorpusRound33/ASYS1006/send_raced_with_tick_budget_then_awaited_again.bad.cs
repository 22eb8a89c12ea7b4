// A tick sends each client's snapshot and races the send (as a Task) against the tick budget to spot slow clients;
// then it awaits the original ValueTask to get the byte count. AsTask() already consumed the ValueTask: AsyncSys has
// recycled its source, so the second await observes another operation's result or throws, and the byte accounting is
// wrong whenever the pool reuses the source.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.ValueTasks.RaceThenAwaitAgain;

public sealed class ClientSender(IoRing ring, TimeSpan tickBudget)
{
    private readonly HashSet<int> _slowClients = new();
    private long _bytesSent;

    public async Task SendSnapshotAsync(int clientFd, ReadOnlyMemory<byte> snapshot, CancellationToken ct)
    {
        ValueTask<int> send = ring.SendAsync(clientFd, snapshot, MessageFlags.None, ct);
        Task<int> sending = send.AsTask();
        if (await Task.WhenAny(sending, Task.Delay(tickBudget, ct)) != sending)
        {
            _slowClients.Add(clientFd);
        }

        int sent = /*~ASYS1006*/await send;
        _bytesSent += sent;
    }
}
