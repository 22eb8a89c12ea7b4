// A perf ring drainer waits for the perf fd to become readable with a timeout: it turns the poll's ValueTask into a
// Task for Task.WhenAny, and when the poll wins it awaits the original ValueTask again to get the events. AsTask already
// consumed it; AsyncSys may have recycled its source for another operation, so the second await reads another poll's
// events (or throws), and the drainer skips or double-reads the mmapped ring.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.Discarded.PerfDrainPollAwaitedTwice;

public sealed class PerfDrainer(IoRing ring, int perfFd, Func<int> drainRing)
{
    public async Task<int> WaitAndDrainAsync(TimeSpan idle, CancellationToken ct)
    {
        ValueTask<PollEvents> ready = ring.PollAsync(perfFd, PollEvents.In, ct);
        Task<PollEvents> readyTask = ready.AsTask();
        if (await Task.WhenAny(readyTask, Task.Delay(idle, ct)) != readyTask)
        {
            return 0;
        }

        PollEvents events = /*~ASYS1006*/await ready;
        return (events & PollEvents.In) != 0 ? drainRing() : 0;
    }
}
