// A shell-like job runner remembers which job is in the foreground per thread (keyed by the managed thread id, so that
// Ctrl-C on "this" thread signals the right child), waits for the child's exit through a pidfd poll on the ring, and then
// removes the entry with the id it captured before the await. The removal runs on another thread, with the first
// thread's id: if that thread has started a new foreground job meanwhile, its entry is the one removed, and its Ctrl-C
// no longer reaches its child.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round29.PerThread.ForegroundJobByThreadId;

public sealed class ForegroundJobs(IoRing ring)
{
    private static readonly ConcurrentDictionary<int, int> s_foregroundPidByThread = new();

    public async Task WaitInForegroundAsync(int pid, int pidfd, CancellationToken ct)
    {
        int owner = Environment.CurrentManagedThreadId;
        s_foregroundPidByThread[owner] = pid;
        await ring.PollAsync(pidfd, PollEvents.In, ct);
        s_foregroundPidByThread.TryRemove(/*~ASYS1002*/owner, out _);
    }
}
