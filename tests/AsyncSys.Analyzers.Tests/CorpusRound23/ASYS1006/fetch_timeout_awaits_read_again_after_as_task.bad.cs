// A long-poll fetch reads from the segment with a timeout: it converts the read's ValueTask to a Task to race it
// against a delay, cancels the read on timeout, and then awaits the original ValueTask to get the count. The ValueTask
// was consumed by AsTask; awaiting it again observes whatever operation now uses the recycled source.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.Observed.FetchTimeoutAwaitsTwice;

public sealed class LongPollFetcher(IoRing ring, int segmentFd)
{
    public async Task<int> FetchAsync(Memory<byte> buffer, long position, TimeSpan maxWait, CancellationToken ct)
    {
        ValueTask<int> read = ring.ReadAsync(segmentFd, buffer, position, ct);
        Task<int> readTask = read.AsTask();
        if (await Task.WhenAny(readTask, Task.Delay(maxWait, ct)) != readTask)
        {
            ring.CancelByFd(segmentFd);
        }

        return /*~ASYS1006*/await read;
    }
}
