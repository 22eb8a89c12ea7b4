// A length-prefixed socket Stream's WriteAsync override is not async: it encodes the 4-byte length prefix into a small array of its own (not the stack) and returns the prefix send's task combined with the payload's, so nothing the sends read goes away when it returns.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.PrefixStreamStackOk;

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

internal sealed class LengthPrefixedStream(IoRing ring, int socket) : RingStreamBase
{
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        byte[] prefix = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(prefix, buffer.Length);
        Task<int> head = ring.SendAsync(socket, prefix, MessageFlags.More, cancellationToken).AsTask();
        Task<int> body = ring.SendAsync(socket, buffer, MessageFlags.None, cancellationToken).AsTask();
        return new ValueTask(Task.WhenAll(head, body));
    }
}
