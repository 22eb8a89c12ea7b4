// A consumer keys its in-flight table by the thread id taken before an await foreach; each item is handled after a hidden await.
using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using AsyncSys;

namespace Round2;

internal sealed class FsyncWorker(IoRing ring)
{
    private static readonly ConcurrentDictionary<int, int> s_busy = new();

    public async Task RunAsync(ChannelReader<int> descriptors, CancellationToken cancellationToken)
    {
        int worker = Environment.CurrentManagedThreadId;
        await foreach (int fd in descriptors.ReadAllAsync(cancellationToken))
        {
            s_busy[/*~ASYS1002*/worker] = fd;
            await ring.FsyncAsync(fd, cancellationToken);
            s_busy.TryRemove(worker, out _);
        }
    }
}
