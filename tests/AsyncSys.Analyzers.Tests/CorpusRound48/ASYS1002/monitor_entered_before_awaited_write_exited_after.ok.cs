// A journal migrated from synchronous writes replaced its Monitor section by a SemaphoreSlim when the write became an awaited ring operation: WaitAsync before the await, Release in the finally after it; a semaphore has no owning thread.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.JournalMonitorOk;

internal sealed class Journal(IoRing ring, int fd)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _offset;

    public async Task AppendAsync(ReadOnlyMemory<byte> record, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            int written = await ring.WriteAtMostAsync(fd, record, _offset, ct).ConfigureAwait(false);
            _offset += written;
        }
        finally
        {
            _gate.Release();
        }
    }
}
