// The same first-byte timeout, awaiting the Task that AsTask() returned (a Task may be awaited any number of times).
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round25.ValueTasks.FirstByteTimeoutTask;

public sealed class PageFetcher(IoRing ring)
{
    public async Task<int> ReceiveFirstBytesAsync(int socketFd, byte[] buffer, TimeSpan timeout)
    {
        Task<int> receiving = ring.ReceiveAsync(socketFd, buffer).AsTask();
        if (await Task.WhenAny(receiving, Task.Delay(timeout)) != receiving)
        {
            ring.CancelByFd(socketFd);
            throw new TimeoutException("no first byte within " + timeout);
        }

        return await receiving;
    }
}
