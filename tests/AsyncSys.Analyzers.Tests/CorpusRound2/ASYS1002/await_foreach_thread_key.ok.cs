// A consumer keys its in-flight table by a per-consumer number that does not depend on the thread.
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal sealed class FsyncWorker(IoRing ring)
{
    private static readonly ConcurrentDictionary<int, int> s_busy = new();
    private static int s_nextWorker;

    public async Task RunAsync(ChannelReader<int> descriptors, CancellationToken cancellationToken)
    {
        int worker = Interlocked.Increment(ref s_nextWorker);
        await foreach (int fd in descriptors.ReadAllAsync(cancellationToken))
        {
            s_busy[worker] = fd;
            await ring.FsyncAsync(fd, cancellationToken);
            s_busy.TryRemove(worker, out _);
        }
    }
}
