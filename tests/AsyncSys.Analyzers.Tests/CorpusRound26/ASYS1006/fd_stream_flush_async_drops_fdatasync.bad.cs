// A Stream over a file descriptor implements FlushAsync by starting an fdatasync on the ring and returning a completed
// task, "the sync will finish on its own". The ValueTask is dropped: callers that await FlushAsync before reporting a
// commit believe the data is durable when it is not, and an EIO from the sync is never seen.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.ValueTasks.FdStreamFlushDropsSync;

public sealed class DurableFdStream(IoRing ring, int fd) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override Task FlushAsync(CancellationToken ct)
    {
        /*~ASYS1006*/ring.FdatasyncAsync(fd, ct);
        return Task.CompletedTask;
    }
}
