// A hosted service that appends to a journal file flushes it in StopAsync by starting an fsync and returning
// Task.CompletedTask, so the host can stop quickly. Nobody observes the fsync: its failure (EIO on a bad disk) is lost,
// and the host disposes the ring and closes the file while the fsync may still be queued.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.ValueTasks.JournalStopDropsFsync;

public interface IHostedService
{
    Task StartAsync(CancellationToken cancellationToken);
    Task StopAsync(CancellationToken cancellationToken);
}

public sealed class JournalWriter(IoRing ring, int journalFd) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        /*~ASYS1006*/ring.FsyncAsync(journalFd, cancellationToken);
        return Task.CompletedTask;
    }
}
