// A durable file Stream's FlushAsync override runs the offloaded fdatasync wrapper; every stream of the process flushes through it on pool threads at once, and the wrapper counts syncs in a static stats struct with a plain `++` that loses counts.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.DurableStreamSyncCountBad;

internal struct SyncStats
{
    public long Calls;
}

internal static partial class Durability
{
    internal static SyncStats s_stats;

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FdatasyncNative(int fd);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int Sync(int fd)
    {
        /*~ASYS1003*/s_stats.Calls++;
        return FdatasyncNative(fd);
    }
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

internal sealed class DurableFileStream(IoRing ring, int fd) : RingStreamBase
{
    private long _position;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await ring.WriteAsync(fd, buffer, _position, cancellationToken).ConfigureAwait(false);
        _position += buffer.Length;
    }

    public override async Task FlushAsync(CancellationToken cancellationToken) =>
        await Durability.SyncAsync(ring, fd, cancellationToken).ConfigureAwait(false);
}
