// An RPC client waits for a reply with a deadline: it turns the ring receive into a Task for Task.WhenAny against a
// delay, and when the reply wins it awaits the original ValueTask again. AsTask() already consumed that ValueTask; its
// pooled source may by now be serving another receive, so the second await returns another call's byte count or throws.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.ValueTasks.RpcTimeoutAwaitsTwice;

public sealed class RpcClient(IoRing ring, int socketFd)
{
    public async Task<int> ReceiveReplyAsync(Memory<byte> reply, TimeSpan timeout, CancellationToken ct)
    {
        ValueTask<int> receive = ring.ReceiveAsync(socketFd, reply, MessageFlags.None, ct);
        Task<int> receiving = receive.AsTask();
        Task winner = await Task.WhenAny(receiving, Task.Delay(timeout, ct));
        if (winner != receiving)
        {
            throw new TimeoutException("backend did not answer in time");
        }

        return /*~ASYS1006*/await receive;
    }
}
