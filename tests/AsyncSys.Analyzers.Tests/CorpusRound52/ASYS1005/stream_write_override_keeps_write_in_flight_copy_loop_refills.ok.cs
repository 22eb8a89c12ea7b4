// A file Stream's WriteAsync override awaits the ring write of the caller's memory inside the override before it returns, so the archiver's copy loop may read the next chunk into the same array.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.PipelinedWriteStreamOk;

/// <summary>The members every Stream must have, for a stream that only supports the asynchronous calls shown.</summary>
internal abstract class RingStreamBase : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

internal sealed class PipelinedFileStream(IoRing ring, int fd) : RingStreamBase
{
    private long _position;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await ring.WriteAsync(fd, buffer, _position, cancellationToken).ConfigureAwait(false);
        _position += buffer.Length;
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static class Archiver
{
    public static async Task CopyAsync(Stream source, PipelinedFileStream destination, CancellationToken ct)
    {
        byte[] chunk = new byte[81920];
        while (true)
        {
            int n = await source.ReadAsync(chunk, ct).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            await destination.WriteAsync(chunk.AsMemory(0, n), ct).ConfigureAwait(false);
        }

        await destination.FlushAsync(ct).ConfigureAwait(false);
    }
}
