// A BackgroundService makes sure only one instance runs by taking an exclusive flock on its pid file at the start of
// ExecuteAsync, through the blocking wrapper although its generated FlockAsync exists. While another instance holds
// the lock the call blocks a thread-pool thread indefinitely, and host startup (which runs ExecuteAsync up to its
// first await) hangs with it.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.Blocking.WorkerPidFileFlock;

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
        /*~ASYS1007*/Native.Flock(pidFileFd, Native.LOCK_EX);
        while (!stoppingToken.IsCancellationRequested)
        {
            await ring.DelayAsync(System.TimeSpan.FromSeconds(30), stoppingToken).ConfigureAwait(false);
        }
    }
}
