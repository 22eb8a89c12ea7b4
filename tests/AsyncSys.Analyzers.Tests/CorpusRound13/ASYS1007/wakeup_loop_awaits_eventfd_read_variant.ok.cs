// The work loop of the .bad twin, awaiting eventfd_read's generated variant: the blocking read runs on an AsyncSys
// worker (interrupted by the cancel hook when the loop is stopped), and no thread-pool thread waits for the wakeup.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.Blocking.WakeupLoopEventfdAwaited;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "eventfd_read", SetLastError = true)]
    [AsyncSyscall(CancelHook = nameof(Interrupt))]
    internal static partial int EventfdRead(int fd, out ulong value);

    private static void Interrupt(BlockingCallInfo call) => call.InterruptWorker();
}

public abstract class WorkItem
{
    public abstract Task ExecuteAsync(CancellationToken cancellationToken);
}

public sealed class WorkLoop(int wakeFd, ConcurrentQueue<WorkItem> queue)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ulong wakeups = await Native.EventfdReadAsync(wakeFd, cancellationToken);
            for (ulong i = 0; i < wakeups && queue.TryDequeue(out WorkItem? item); i++)
            {
                await item.ExecuteAsync(cancellationToken);
            }
        }
    }
}
