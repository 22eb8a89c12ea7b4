// A journal migrated from synchronous writes kept its Monitor section when the write became an awaited ring operation: Monitor.Enter before the await, Monitor.Exit in the finally after it. The continuation may run on another thread, which does not own the monitor: Exit throws SynchronizationLockException and the lock stays held by the first thread.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.JournalMonitorBad;

internal sealed class Journal(IoRing ring, int fd)
{
    private readonly object _gate = new();
    private long _offset;

    public async Task AppendAsync(ReadOnlyMemory<byte> record, CancellationToken ct)
    {
        Monitor.Enter(_gate);
        try
        {
            int written = await ring.WriteAtMostAsync(fd, record, _offset, ct).ConfigureAwait(false);
            _offset += written;
        }
        finally
        {
            /*~ASYS1002*/Monitor.Exit(_gate);
        }
    }
}
