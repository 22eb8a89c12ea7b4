// A crawler gives each page a first-byte timeout: it races the receive (as a Task) against a delay and, when the
// receive wins, awaits the original ValueTask again to get the count. The ValueTask was handed off by AsTask(): its
// source may already be recycled for another operation, so the count (or the exception) is some other receive's.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round25.ValueTasks.FirstByteTimeout;

public sealed class PageFetcher(IoRing ring)
{
    public async Task<int> ReceiveFirstBytesAsync(int socketFd, byte[] buffer, TimeSpan timeout)
    {
        ValueTask<int> receive = ring.ReceiveAsync(socketFd, buffer);
        Task<int> receiving = receive.AsTask();
        if (await Task.WhenAny(receiving, Task.Delay(timeout)) != receiving)
        {
            ring.CancelByFd(socketFd);
            throw new TimeoutException("no first byte within " + timeout);
        }

        return await /*~ASYS1006*/receive;
    }
}
