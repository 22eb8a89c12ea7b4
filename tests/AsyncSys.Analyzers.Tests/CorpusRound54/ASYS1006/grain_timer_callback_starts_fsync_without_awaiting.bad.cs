// An Orleans-style counter grain registers a grain timer whose callback flushes the grain's append-only file: the callback starts the ring fsync and returns a completed task, so the timer's turn ends at once, the fsync's error is lost, and the next tick may start another fsync while this one runs.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus54.GrainTimerFsyncBad;

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
            _ =>
            {
                /*~ASYS1006*/ring.FsyncAsync(appendFd);
                return Task.CompletedTask;
            },
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
