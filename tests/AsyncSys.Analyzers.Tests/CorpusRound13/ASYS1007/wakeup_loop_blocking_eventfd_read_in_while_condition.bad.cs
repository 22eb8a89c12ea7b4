// A daemon's work loop sleeps on an eventfd that producers bump when they queue work (eventfd_write). The consumer is
// an async method that drains the queue with awaits, and takes the next wakeup with the blocking eventfd_read wrapper
// in its `while` condition. On a blocking eventfd that call parks the thread-pool thread running the loop until the
// next wakeup, every time the queue is empty; a few such consumers (one per tenant) starve the pool, and the awaits
// they and everyone else depend on stop being resumed.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round13.Blocking.WakeupLoopEventfdCondition;

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
        while (/*~ASYS1007*/Native.EventfdRead(wakeFd, out ulong wakeups) == 0)
        {
            for (ulong i = 0; i < wakeups && queue.TryDequeue(out WorkItem? item); i++)
            {
                await item.ExecuteAsync(cancellationToken);
            }
        }

        throw new ErrnoException(Marshal.GetLastPInvokeError(), "eventfd_read");
    }
}
