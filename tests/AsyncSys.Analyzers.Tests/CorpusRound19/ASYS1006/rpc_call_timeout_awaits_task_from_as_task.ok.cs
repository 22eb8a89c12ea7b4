// The same deadline with the Task from AsTask() kept and awaited: the ValueTask is consumed exactly once.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round19.ValueTasks.RpcTimeoutAwaitsTask;

public sealed class RpcClient(IoRing ring, int socketFd)
{
    public async Task<int> ReceiveReplyAsync(Memory<byte> reply, TimeSpan timeout, CancellationToken ct)
    {
        Task<int> receiving = ring.ReceiveAsync(socketFd, reply, MessageFlags.None, ct).AsTask();
        Task winner = await Task.WhenAny(receiving, Task.Delay(timeout, ct));
        if (winner != receiving)
        {
            throw new TimeoutException("backend did not answer in time");
        }

        return await receiving;
    }
}
