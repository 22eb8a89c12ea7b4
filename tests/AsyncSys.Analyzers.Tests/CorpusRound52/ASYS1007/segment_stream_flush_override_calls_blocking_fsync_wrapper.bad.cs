// A segment file Stream's FlushAsync override yields to its caller and then calls the blocking fsync wrapper directly; a PipeWriter created over the stream (PipeWriter.Create) calls FlushAsync from its own async flush, so a pool thread blocks inside async code for every flush.
using System;
using System.IO;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.SegmentStreamFsyncBad;

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Fsync(int fd);
}

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

internal sealed class SegmentStream(IoRing ring, int fd) : RingStreamBase
{
    private long _position;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await ring.WriteAsync(fd, buffer, _position, cancellationToken).ConfigureAwait(false);
        _position += buffer.Length;
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (/*~ASYS1007*/Native.Fsync(fd) < 0)
        {
            throw new IOException("fsync failed, errno " + Marshal.GetLastPInvokeError());
        }
    }

    public PipeWriter CreateWriter() => PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));
}
