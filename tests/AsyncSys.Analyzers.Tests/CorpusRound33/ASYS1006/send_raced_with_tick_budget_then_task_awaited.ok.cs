// The slow-client race made right: the Task made once by AsTask() is what is raced and then awaited for the byte
// count; the ValueTask is consumed only once.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round33.ValueTasks.RaceThenAwaitTask;

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

        int sent = await sending;
        _bytesSent += sent;
    }
}
