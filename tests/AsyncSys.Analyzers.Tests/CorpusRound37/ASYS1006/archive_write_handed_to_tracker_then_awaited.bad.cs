// Archive extraction hands each entry's pwrite ValueTask to a tracker that awaits it to update progress, and then the
// extractor awaits the same ValueTask to learn the byte count. Two consumers of one ValueTask: whichever comes second
// reads a recycled operation.
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.ValueTasks.ArchiveWriteAfterHandOff;

public sealed class ProgressTracker
{
    private readonly List<Task> _watching = new();
    private long _done;

    public void Track(ValueTask write, int length) => _watching.Add(WatchAsync(write, length));

    private async Task WatchAsync(ValueTask write, int length)
    {
        await write;
        Interlocked.Add(ref _done, length);
    }
}

public sealed class Extractor(IoRing ring, ProgressTracker tracker)
{
    public async Task<int> WriteEntryAsync(int fd, byte[] data, long offset, CancellationToken ct)
    {
        ValueTask write = ring.WriteAsync(fd, data, offset, ct);
        tracker.Track(write, data.Length);
        await /*~ASYS1006*/write;
        return data.Length;
    }
}
