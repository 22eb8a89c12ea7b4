// The pipe Stream made right: the synchronous Read takes the result directly only when the read already completed, and
// otherwise converts the ValueTask once to a Task and blocks on that.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.ValueTasks.SyncReadChecksCompletion;

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

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValueTask<int> read = ring.ReadAsync(fd, buffer.AsMemory(offset, count), CancellationToken.None);
        return read.IsCompletedSuccessfully ? read.Result : read.AsTask().GetAwaiter().GetResult();
    }
}
