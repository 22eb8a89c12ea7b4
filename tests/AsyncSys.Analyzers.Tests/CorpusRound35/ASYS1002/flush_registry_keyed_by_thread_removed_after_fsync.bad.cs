// The flush coordinator records which thread is flushing a segment (to detect re-entrant flushes) under the current
// thread id, and removes the entry after the awaited fdatasync. The continuation runs on another thread: it removes
// that thread's entry (or nothing) and the original entry stays, so every later flush from that thread is refused.
using System.Collections.Concurrent;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.ThreadState.FlushRegistryThreadId;

public sealed class FlushCoordinator(IoRing ring)
{
    private readonly ConcurrentDictionary<int, int> _flushingByThread = new();

    public async Task FlushAsync(int segmentFd)
    {
        int flusher = System.Environment.CurrentManagedThreadId;
        if (!_flushingByThread.TryAdd(flusher, segmentFd))
        {
            return;
        }

        await ring.FdatasyncAsync(segmentFd);
        _flushingByThread.TryRemove(/*~ASYS1002*/flusher, out _);
    }
}
