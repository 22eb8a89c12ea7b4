// A record writer gathers its header field and the caller's body into a collection expression of segments, `[_header, body]`, and starts a vectored write over them. The segments are views of the same arrays, not copies, so resetting the shared header field for the next record before awaiting changes the bytes the write is still gathering.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.CollectionSegmentsHeaderBad;

internal sealed class RecordWriter(IoRing ring, int fd)
{
    private readonly byte[] _header = new byte[8];
    private long _offset;

    public async Task AppendAsync(ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        BitConverter.TryWriteBytes(_header, body.Length);
        List<ReadOnlyMemory<byte>> segments = [_header, body];
        ValueTask write = ring.WriteAsync(fd, segments, _offset, ct);
        /*~ASYS1005*/_header.AsSpan().Clear();
        await write.ConfigureAwait(false);
        _offset += _header.Length + body.Length;
    }
}
