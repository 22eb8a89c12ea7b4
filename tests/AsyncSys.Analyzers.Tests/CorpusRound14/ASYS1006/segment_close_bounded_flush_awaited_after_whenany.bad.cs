// A segment handle's DisposeAsync flushes with the ring's fdatasync and, when the flush is slow, waits at most half a
// second to log a warning, racing sync.AsTask() against a delay, and then awaits the ValueTask itself to finish the
// flush. AsTask() already consumed the ValueTask: AsyncSys recycles the source behind it once that Task has its
// result, so the second await may observe another operation's completion (or throw InvalidOperationException), and
// the segment is closed either before its data is durable or with an unrelated error.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round14.ValueTasks.SegmentCloseAwaitedAfterWhenAny;

public sealed class SegmentHandle(IoRing ring, int fd) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        ValueTask sync = ring.FdatasyncAsync(fd);
        if (!sync.IsCompleted)
        {
            Task delay = Task.Delay(500);
            if (await Task.WhenAny(sync.AsTask(), delay) == delay)
            {
                Console.Error.WriteLine("fdatasync of segment fd " + fd + " is slow");
            }
        }

        await /*~ASYS1006*/sync;
        await ring.CloseAsync(fd);
    }
}
