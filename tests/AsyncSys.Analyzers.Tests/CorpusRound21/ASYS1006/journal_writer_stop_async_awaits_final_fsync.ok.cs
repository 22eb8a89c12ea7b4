// The same journal hosted service, written right: StopAsync is async and awaits the final fsync, so the host waits
// for it (within its shutdown timeout) and sees its failure.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.ValueTasks.JournalStopAwaitsFsync;

public interface IHostedService
{
    Task StartAsync(CancellationToken cancellationToken);
    Task StopAsync(CancellationToken cancellationToken);
}

public sealed class JournalWriter(IoRing ring, int journalFd) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        await ring.FsyncAsync(journalFd, cancellationToken).ConfigureAwait(false);
    }
}
