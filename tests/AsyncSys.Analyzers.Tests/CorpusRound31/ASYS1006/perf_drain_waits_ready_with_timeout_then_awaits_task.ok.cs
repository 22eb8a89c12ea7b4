// The perf ring drainer made right: the poll's ValueTask is converted once with AsTask, and the Task (which may be
// awaited any number of times) gives the events after Task.WhenAny said it completed.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.Discarded.PerfDrainPollTaskAwaited;

public sealed class PerfDrainer(IoRing ring, int perfFd, Func<int> drainRing)
{
    public async Task<int> WaitAndDrainAsync(TimeSpan idle, CancellationToken ct)
    {
        Task<PollEvents> ready = ring.PollAsync(perfFd, PollEvents.In, ct).AsTask();
        if (await Task.WhenAny(ready, Task.Delay(idle, ct)) != ready)
        {
            return 0;
        }

        PollEvents events = await ready;
        return (events & PollEvents.In) != 0 ? drainRing() : 0;
    }
}
