using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round4.Observed.AsTaskTwice;

internal static class Receiver
{
    public static async Task<int> ReceiveOrCancelAsync(IoRing ring, int fd, Memory<byte> buffer, TimeSpan timeout)
    {
        ValueTask<int> receive = ring.ReceiveAsync(fd, buffer);
        Task<int> asTask = receive.AsTask();
        if (await Task.WhenAny(asTask, Task.Delay(timeout)) != asTask)
        {
            ring.CancelByFd(fd);
        }

        return await /*~ASYS1006*/receive;   // already consumed by AsTask()
    }
}
