// The record writer spreads the header field and the body into a new array with a collection expression, `[.. _header, .. body.Span]`, and writes that array: resetting the shared header field while the write runs touches only the source of the copy.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus61.CollectionSegmentsHeaderOk;

internal sealed class RecordWriter(IoRing ring, int fd)
{
    private readonly byte[] _header = new byte[8];
    private long _offset;

    public async Task AppendAsync(ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        BitConverter.TryWriteBytes(_header, body.Length);
        byte[] record = [.. _header, .. body.Span];
        ValueTask write = ring.WriteAsync(fd, record, _offset, ct);
        _header.AsSpan().Clear();
        await write.ConfigureAwait(false);
        _offset += _header.Length + body.Length;
    }
}
