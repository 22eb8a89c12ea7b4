// A Stream over a pipe descriptor implements the synchronous Read by taking .Result of the ring read's ValueTask. A
// ValueTask backed by a pooled source is not a blocking wait: .Result before completion throws or returns a stale
// result, and the source is then recycled while the read is still running.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.ValueTasks.SyncReadTakesResult;

public sealed class PipeFdStream(IoRing ring, int fd) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
        ring.ReadAsync(fd, buffer, ct);

    public override int Read(byte[] buffer, int offset, int count) =>
        /*~ASYS1006*/ring.ReadAsync(fd, buffer.AsMemory(offset, count), CancellationToken.None).Result;
}
