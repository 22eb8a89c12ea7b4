// A hosted compaction service opens a logging scope kept in a [ThreadStatic] slot (a hand-rolled logger's scope stack) on every PeriodicTimer tick, awaits the compaction's write and sync, and ends the scope after them: End checks and restores the slot of the thread it resumed on, another thread's scope stack (it throws there, or pops a scope that is not its own).
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus47.CompactionScopeBad;

internal sealed class LogScope
{
    [ThreadStatic]
    private static LogScope? t_current;

    private readonly LogScope? _parent;

    private LogScope(string name, LogScope? parent)
    {
        Name = name;
        _parent = parent;
    }

    public string Name { get; }

    public static LogScope Begin(string name)
    {
        var scope = new LogScope(name, t_current);
        t_current = scope;
        return scope;
    }

    public void End()
    {
        if (!ReferenceEquals(t_current, this))
        {
            throw new InvalidOperationException("log scopes ended out of order: " + Name);
        }

        t_current = _parent;
    }

    public static string Describe() => t_current?.Name ?? "-";
}

/// <summary>The shape of Microsoft.Extensions.Hosting's BackgroundService, which the corpus compiles without.</summary>
internal abstract class BackgroundService
{
    private Task? _executing;
    private CancellationTokenSource? _stopping;

    protected abstract Task ExecuteAsync(CancellationToken stoppingToken);

    public virtual Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _executing = ExecuteAsync(_stopping.Token);
        return _executing.IsCompleted ? _executing : Task.CompletedTask;
    }

    public virtual Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping?.Cancel();
        return _executing ?? Task.CompletedTask;
    }
}

internal sealed class CompactionService(IoRing ring, int fd, Func<ReadOnlyMemory<byte>> merge) : BackgroundService
{
    private long _generation;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            LogScope scope = LogScope.Begin("compaction " + _generation);
            try
            {
                Console.WriteLine(LogScope.Describe() + ": writing");
                await ring.WriteAsync(fd, merge(), 0, stoppingToken).ConfigureAwait(false);
                await ring.FdatasyncAsync(fd, stoppingToken).ConfigureAwait(false);
                _generation++;
            }
            finally
            {
                /*~ASYS1002*/scope.End();
            }
        }
    }
}
