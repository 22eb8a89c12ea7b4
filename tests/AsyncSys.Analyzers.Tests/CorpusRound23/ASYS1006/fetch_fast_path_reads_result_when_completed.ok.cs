// A fetch path takes the result of a read that already completed without an await (checked with
// IsCompletedSuccessfully), and hands the pending ValueTask to a local async function that awaits it once otherwise.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round23.Observed.FetchFastPath;

public sealed class SegmentReader(IoRing ring, int segmentFd)
{
    public long BytesRead { get; private set; }

    public ValueTask<int> ReadChunkAsync(Memory<byte> buffer, long position, CancellationToken ct)
    {
        ValueTask<int> read = ring.ReadAsync(segmentFd, buffer, position, ct);
        if (read.IsCompletedSuccessfully)
        {
            return new ValueTask<int>(Count(read.Result));
        }

        return Slow(read);

        async ValueTask<int> Slow(ValueTask<int> pending) => Count(await pending);
    }

    private int Count(int n)
    {
        BytesRead += n;
        return n;
    }
}
