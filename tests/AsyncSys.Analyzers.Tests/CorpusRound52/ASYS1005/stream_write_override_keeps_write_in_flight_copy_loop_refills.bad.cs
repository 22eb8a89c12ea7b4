// A file Stream's WriteAsync override starts the ring write of the caller's memory, keeps its task in a field and returns at once (to pipeline writes); the archiver's copy loop, calling it, reads the next chunk from the source into the same array while that write still reads it.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.PipelinedWriteStreamBad;

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
    private Task _previous = Task.CompletedTask;
    private long _position;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _previous.ConfigureAwait(false);
        _previous = ring.WriteAsync(fd, buffer, _position, cancellationToken).AsTask();
        _position += buffer.Length;
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _previous;
}

internal static class Archiver
{
    public static async Task CopyAsync(Stream source, PipelinedFileStream destination, CancellationToken ct)
    {
        byte[] chunk = new byte[81920];
        while (true)
        {
            int n = await /*~ASYS1005*/source.ReadAsync(chunk, ct).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            await destination.WriteAsync(chunk.AsMemory(0, n), ct).ConfigureAwait(false);
        }

        await destination.FlushAsync(ct).ConfigureAwait(false);
    }
}
