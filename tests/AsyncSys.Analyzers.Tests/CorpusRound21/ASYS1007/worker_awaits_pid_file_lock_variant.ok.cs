// The same single-instance BackgroundService, written right: it awaits the generated FlockAsync with the stopping
// token, so waiting for the other instance holds no thread and stopping the host cancels the wait.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.Blocking.WorkerPidFileFlockAsync;

public abstract class BackgroundService
{
    protected abstract Task ExecuteAsync(CancellationToken stoppingToken);
}

internal static partial class Native
{
    public const int LOCK_EX = 2;

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Flock(int fd, int operation);
}

public sealed class SingleInstanceWorker(int pidFileFd, IoRing ring) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Native.FlockAsync(pidFileFd, Native.LOCK_EX, stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            await ring.DelayAsync(System.TimeSpan.FromSeconds(30), stoppingToken).ConfigureAwait(false);
        }
    }
}
