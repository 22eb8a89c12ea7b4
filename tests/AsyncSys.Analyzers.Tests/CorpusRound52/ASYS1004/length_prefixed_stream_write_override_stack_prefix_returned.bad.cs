// A length-prefixed socket Stream's WriteAsync override is not async: it encodes the 4-byte length prefix on the stack, wraps it in a pointer MemoryManager and returns the prefix send's task combined with the payload's; the override's frame (and the prefix) is gone when it returns, while the prefix send still reads it.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.PrefixStreamStackBad;

internal sealed unsafe class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
{
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
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

internal sealed class LengthPrefixedStream(IoRing ring, int socket) : RingStreamBase
{
    public override unsafe ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        byte* prefix = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(new Span<byte>(prefix, 4), buffer.Length);
        var prefixMemory = new PointerMemory(prefix, 4);
        Task<int> head = ring.SendAsync(socket, /*~ASYS1004*/prefixMemory.Memory, MessageFlags.More, cancellationToken).AsTask();
        Task<int> body = ring.SendAsync(socket, buffer, MessageFlags.None, cancellationToken).AsTask();
        return new ValueTask(Task.WhenAll(head, body));
    }
}
