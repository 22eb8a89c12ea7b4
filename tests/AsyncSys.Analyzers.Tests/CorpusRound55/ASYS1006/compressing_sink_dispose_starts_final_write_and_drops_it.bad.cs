// A compressing file sink Deflate-compresses what it is given and writes each compressed block through the ring; its synchronous Dispose finishes the deflate stream and starts the write of the last block without observing it, so a failed or short final write is never seen and the file may silently lack its tail.
using System;
using System.IO;
using System.IO.Compression;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus55.DeflateSinkBad;

internal sealed class CompressingSink(IoRing ring, int fd) : IDisposable
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

    public void Dispose()
    {
        _deflate?.Dispose();
        byte[] tail = _staging.ToArray();
        /*~ASYS1006*/ring.WriteAsync(fd, tail, _offset);
        _offset += tail.Length;
    }
}
