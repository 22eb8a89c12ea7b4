// A framing Stream's WriteAsync override copies the payload behind a 4-byte length into a pooled array and, to skip the
// async state machine, returns the ring write's task from a try whose finally returns the array to the pool. The finally
// runs as the method returns, while the write is still queued: another renter fills the array and the peer receives
// that renter's bytes under this frame's length.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.InFlight.FramedStreamFinallyReturn;

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

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> payload, CancellationToken ct = default)
    {
        int length = payload.Length + 4;
        byte[] frame = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            BinaryPrimitives.WriteInt32BigEndian(frame, payload.Length);
            payload.Span.CopyTo(frame.AsSpan(4));
            return ring.WriteAsync(fd, frame.AsMemory(0, length), ct);
        }
        finally
        {
            /*~ASYS1005*/ArrayPool<byte>.Shared.Return(frame);
        }
    }
}
