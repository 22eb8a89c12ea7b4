// The durable Stream made right: FlushAsync returns the fdatasync's task (converted once with AsTask, as Stream's
// signature wants a Task), so callers wait for the sync and see its error.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.ValueTasks.FdStreamFlushReturnsSync;

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

    public override Task FlushAsync(CancellationToken ct) => ring.FdatasyncAsync(fd, ct).AsTask();
}
