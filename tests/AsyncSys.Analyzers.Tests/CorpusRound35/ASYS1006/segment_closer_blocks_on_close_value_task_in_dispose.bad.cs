// The segment writer's synchronous Dispose starts the ring close and blocks on GetAwaiter().GetResult() of its
// ValueTask. A pooled ValueTask source does not support a blocking wait before completion: the call throws or returns
// before the close has run, and the descriptor may leak at exit.
using System;
using System.Threading.Tasks;
using AsyncSys;

namespace Round35.Results.CloseBlockedInDispose;

public sealed class SegmentWriter(IoRing ring, int segmentFd) : IDisposable
{
    public ValueTask AppendAsync(ReadOnlyMemory<byte> record, long offset) => ring.WriteAsync(segmentFd, record, offset);

    public void Dispose() => /*~ASYS1006*/ring.CloseAsync(segmentFd).GetAwaiter().GetResult();
}
