// A spill segment reader's DisposeAsync returns the ring close's ValueTask to its caller, who awaits it.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Results.SegmentDisposeAsync;

public sealed class SegmentReader(IoRing ring, int fd) : IAsyncDisposable
{
    public ValueTask<int> ReadAsync(Memory<byte> buffer, long offset) => ring.ReadAsync(fd, buffer, offset);

    public ValueTask DisposeAsync() => ring.CloseAsync(fd);
}
