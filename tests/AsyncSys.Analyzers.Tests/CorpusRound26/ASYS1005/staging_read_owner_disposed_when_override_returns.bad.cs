// A Stream over a descriptor reads small requests through a pooled staging block (so the kernel always gets a full
// page) and hands the pending read to an async helper that copies out after it completes. The staging owner is a `using`
// declaration of the non-async ReadAsync override: it is disposed as the override returns, while the read is still in
// flight, so the block goes back to the pool, is rented again, and the kernel's bytes land in someone else's buffer.
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.InFlight.StagingOwnerDisposedOnReturn;

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

        /*~ASYS1005*/using IMemoryOwner<byte> staging = MemoryPool<byte>.Shared.Rent(StagingSize);
        ValueTask<int> read = ring.ReadAsync(fd, staging.Memory[..StagingSize], ct);
        return CopyOutAsync(read, staging.Memory, destination);
    }

    private static async ValueTask<int> CopyOutAsync(ValueTask<int> read, Memory<byte> staging, Memory<byte> destination)
    {
        int n = await read;
        int copied = Math.Min(n, destination.Length);
        staging.Span[..copied].CopyTo(destination.Span);
        return copied;
    }
}
