// The framing Stream made right: WriteAsync is async and awaits the ring write inside the try, so the finally returns the
// pooled frame only after the kernel is done with it.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.InFlight.FramedStreamAwaitsWrite;

public sealed class FramedFdStream(IoRing ring, int fd) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> payload, CancellationToken ct = default)
    {
        int length = payload.Length + 4;
        byte[] frame = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            BinaryPrimitives.WriteInt32BigEndian(frame, payload.Length);
            payload.Span.CopyTo(frame.AsSpan(4));
            await ring.WriteAsync(fd, frame.AsMemory(0, length), ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }
}
