using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Unobserved.ProbeOnce;

internal sealed class HealthBoard
{
    private readonly List<Task<PollEvents>> _watched = new();

    public void Watch(Task<PollEvents> probe)
    {
        lock (_watched)
        {
            _watched.Add(probe);
        }
    }
}

/// <summary>The same warmer: the ValueTask is converted once, and the Task is shared (a Task may be awaited many times).</summary>
internal sealed class PoolWarmer
{
    private readonly IoRing _ring;
    private readonly HealthBoard _health;

    public PoolWarmer(IoRing ring, HealthBoard health)
    {
        _ring = ring;
        _health = health;
    }

    public async ValueTask<bool> WarmAsync(int fd, CancellationToken cancellationToken)
    {
        Task<PollEvents> ready = _ring.PollAsync(fd, PollEvents.Out, cancellationToken).AsTask();
        _health.Watch(ready);
        PollEvents events = await ready;
        return (events & PollEvents.Out) != 0;
    }
}
