// An Orleans-style counter grain registers a grain timer whose async callback awaits the ring fsync of the grain's append-only file, so the timer's turn lasts until the fsync ends and its error surfaces in the turn.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.GrainTimerFsyncOk;

/// <summary>The part of a grain base class that matters here: timers run their callback as a turn of the grain.</summary>
internal abstract class Grain
{
    protected IDisposable RegisterTimer(Func<object?, Task> callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new System.Threading.Timer(s => callback(s).GetAwaiter().GetResult(), state, dueTime, period);
}

internal sealed class CounterGrain(IoRing ring, int appendFd) : Grain
{
    private IDisposable? _flushTimer;

    public Task OnActivateAsync()
    {
        _flushTimer = RegisterTimer(
            async _ => await ring.FsyncAsync(appendFd),
            null,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    public Task OnDeactivateAsync()
    {
        _flushTimer?.Dispose();
        return Task.CompletedTask;
    }
}
