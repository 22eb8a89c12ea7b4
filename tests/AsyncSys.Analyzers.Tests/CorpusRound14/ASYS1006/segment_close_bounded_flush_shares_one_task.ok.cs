// The same bounded-wait close converting the flush's ValueTask once with AsTask() and using only that Task: raced
// against the delay, then awaited. A Task may be awaited any number of times.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.ValueTasks.SegmentCloseSharesOneTask;

public sealed class SegmentHandle(IoRing ring, int fd) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        Task flushed = ring.FdatasyncAsync(fd).AsTask();
        if (await Task.WhenAny(flushed, Task.Delay(500)) != flushed)
        {
            Console.Error.WriteLine("fdatasync of segment fd " + fd + " is slow");
        }

        await flushed;
        await ring.CloseAsync(fd);
    }
}
