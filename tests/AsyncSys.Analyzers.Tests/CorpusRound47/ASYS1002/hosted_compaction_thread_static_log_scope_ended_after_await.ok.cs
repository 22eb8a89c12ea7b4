// A hosted compaction service opens a logging scope on every PeriodicTimer tick and ends it after the awaited write and sync; the scope stack is an AsyncLocal, which flows with the async method to the thread it resumes on.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus47.CompactionScopeOk;

internal sealed class LogScope
{
    private static readonly AsyncLocal<LogScope?> s_current = new();

    private readonly LogScope? _parent;

    private LogScope(string name, LogScope? parent)
    {
        Name = name;
        _parent = parent;
    }

    public string Name { get; }

    public static LogScope Begin(string name)
    {
        var scope = new LogScope(name, s_current.Value);
        s_current.Value = scope;
        return scope;
    }

    public void End()
    {
        if (!ReferenceEquals(s_current.Value, this))
        {
            throw new InvalidOperationException("log scopes ended out of order: " + Name);
        }

        s_current.Value = _parent;
    }

    public static string Describe() => s_current.Value?.Name ?? "-";
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
                scope.End();
            }
        }
    }
}
