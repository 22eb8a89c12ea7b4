// The staged Stream made right: the small-read path is async, so the `using` staging owner is disposed only after the
// read has been awaited and its bytes copied out. (A real stream would keep the bytes past `copied` for the next read.)
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.InFlight.StagingOwnerDisposedAfterAwait;

public sealed class StagedFdStream(IoRing ring, int fd) : Stream
{
    private const int StagingSize = 4096;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken ct = default)
    {
        if (destination.Length >= StagingSize)
        {
            return ring.ReadAsync(fd, destination, ct);
        }

        return ReadStagedAsync(destination, ct);
    }

    private async ValueTask<int> ReadStagedAsync(Memory<byte> destination, CancellationToken ct)
    {
        using IMemoryOwner<byte> staging = MemoryPool<byte>.Shared.Rent(StagingSize);
        int n = await ring.ReadAsync(fd, staging.Memory[..StagingSize], ct);
        int copied = Math.Min(n, destination.Length);
        staging.Memory.Span[..copied].CopyTo(destination.Span);
        return copied;
    }
}
