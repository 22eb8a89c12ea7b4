// A hosted liveness monitor probes each child with kill(pid, 0) on every PeriodicTimer tick; when a probe fails it first awaits the write of a 'probe failed' event into its channel and only then reads errno to tell ESRCH from EPERM, on whatever thread the write resumed on, after whatever that thread called.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Corpus47.LivenessProbeBad;

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
                    await events.Writer.WriteAsync(new ProbeEvent(pid, "probe failed"), stoppingToken).ConfigureAwait(false);
                    int errno = /*~ASYS1001*/Marshal.GetLastPInvokeError();
                    string what = errno == ESRCH ? "exited" : "unreachable (errno " + errno + ")";
                    await events.Writer.WriteAsync(new ProbeEvent(pid, what), stoppingToken).ConfigureAwait(false);
                }
            }
        }
    }
}
