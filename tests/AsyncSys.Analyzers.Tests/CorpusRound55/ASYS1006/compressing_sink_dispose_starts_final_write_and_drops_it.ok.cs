// A compressing file sink Deflate-compresses what it is given and writes each compressed block through the ring; it is disposed asynchronously, finishing the deflate stream and awaiting the write of the last block, so a failed final write surfaces to whoever disposes it.
using System;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.DeflateSinkOk;

internal sealed class CompressingSink(IoRing ring, int fd) : IAsyncDisposable
{
    private readonly MemoryStream _staging = new();
    private DeflateStream? _deflate;
    private long _offset;

    private DeflateStream Deflate => _deflate ??= new DeflateStream(_staging, CompressionLevel.Fastest, leaveOpen: true);

    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        Deflate.Write(data.Span);
        if (_staging.Length >= 256 * 1024)
        {
            byte[] block = _staging.ToArray();
            _staging.SetLength(0);
            await ring.WriteAsync(fd, block, _offset, ct).ConfigureAwait(false);
            _offset += block.Length;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _deflate?.Dispose();
        byte[] tail = _staging.ToArray();
        await ring.WriteAsync(fd, tail, _offset).ConfigureAwait(false);
        _offset += tail.Length;
    }
}
