using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round6.Unobserved.ProbeTwice;

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

/// <summary>
/// Warms a pool's connections: waits for each socket to be writable and hands the same wait to the health board.
/// AsTask() consumes the ValueTask; awaiting it afterwards consumes it a second time.
/// </summary>
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
        ValueTask<PollEvents> ready = _ring.PollAsync(fd, PollEvents.Out, cancellationToken);
        _health.Watch(ready.AsTask());
        PollEvents events = await /*~ASYS1006*/ready;
        return (events & PollEvents.Out) != 0;
    }
}
