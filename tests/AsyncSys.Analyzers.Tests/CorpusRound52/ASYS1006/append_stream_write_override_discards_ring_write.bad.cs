// An append-only log Stream's WriteAsync override starts the ring write with `_ = ring.WriteAsync(...)` and returns a completed ValueTask, so nobody observes the write's ValueTask: a failed or short write is lost and its source is never released.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.AppendStreamDiscardBad;

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

internal sealed class AppendLogStream(IoRing ring, int fd) : RingStreamBase
{
    private long _position;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        long at = _position;
        _position += buffer.Length;
        /*~ASYS1006*/_ = ring.WriteAsync(fd, buffer, at, cancellationToken);
        return ValueTask.CompletedTask;
    }
}
