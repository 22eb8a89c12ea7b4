// The same extraction, the write awaited once and its byte count reported to the tracker.
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.ValueTasks.ArchiveWriteReported;

public sealed class ProgressTracker
{
    private long _done;

    public void Report(int bytes) => Interlocked.Add(ref _done, bytes);
}

public sealed class Extractor(IoRing ring, ProgressTracker tracker)
{
    public async Task<int> WriteEntryAsync(int fd, byte[] data, long offset, CancellationToken ct)
    {
        await ring.WriteAsync(fd, data, offset, ct);
        int written = data.Length;
        tracker.Report(written);
        return written;
    }
}
