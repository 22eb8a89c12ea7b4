// A process supervisor's reaper tracks "which thread is waiting on which child" in a dictionary keyed by managed thread
// id (a cancel request looks the thread up to interrupt it). It takes the key once, before the first await, and keeps
// using it: after the await the method runs on another thread, so the second wait is registered under a thread that no
// longer runs it, and a cancel for that child interrupts whatever that other thread is doing now.
using System.Collections.Concurrent;
using System.Threading.Tasks;
using AsyncSys;

namespace Round24.ThreadState.SupervisorOwnerThreadId;

public sealed class Reaper(IoRing ring)
{
    private readonly ConcurrentDictionary<int, int> _waitingThreadToPidfd = new();

    public async Task WaitBothAsync(int firstPidfd, int secondPidfd)
    {
        int owner = System.Environment.CurrentManagedThreadId;
        _waitingThreadToPidfd[owner] = firstPidfd;
        await ring.PollAsync(firstPidfd, PollEvents.In);
        _waitingThreadToPidfd[/*~ASYS1002*/owner] = secondPidfd;
        await ring.PollAsync(secondPidfd, PollEvents.In);
        _waitingThreadToPidfd.TryRemove(owner, out _);
    }
}
