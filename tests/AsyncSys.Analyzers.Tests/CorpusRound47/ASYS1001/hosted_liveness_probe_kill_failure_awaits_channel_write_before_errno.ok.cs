// A hosted liveness monitor probes each child with kill(pid, 0) on every PeriodicTimer tick; when a probe fails it reads errno at once, then awaits the writes of its events into the channel.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Corpus47.LivenessProbeOk;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);
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

internal sealed record ProbeEvent(int Pid, string What);

internal sealed class LivenessMonitor(int[] children, Channel<ProbeEvent> events) : BackgroundService
{
    private const int ESRCH = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            foreach (int pid in children)
            {
                if (Native.Kill(pid, 0) < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    await events.Writer.WriteAsync(new ProbeEvent(pid, "probe failed"), stoppingToken).ConfigureAwait(false);
                    string what = errno == ESRCH ? "exited" : "unreachable (errno " + errno + ")";
                    await events.Writer.WriteAsync(new ProbeEvent(pid, what), stoppingToken).ConfigureAwait(false);
                }
            }
        }
    }
}
