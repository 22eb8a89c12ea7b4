// A publisher frames each message into a pooled lease declared with `using` inside its loop and awaits that message's send before the iteration ends and the lease goes back.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Broker.Publish;

public sealed class PooledFrame : IDisposable
{
    private byte[]? _array;

    public PooledFrame(int size) => _array = ArrayPool<byte>.Shared.Rent(size);

    public Memory<byte> Memory => _array;

    public void Dispose()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}

public sealed class Publisher
{
    private readonly IoRing _ring;
    private readonly int _socket;

    public Publisher(IoRing ring, int socket)
    {
        _ring = ring;
        _socket = socket;
    }

    public async Task<int> PublishAsync(IReadOnlyList<ReadOnlyMemory<byte>> messages, CancellationToken ct)
    {
        int total = 0;
        for (int i = 0; i < messages.Count; i++)
        {
            ReadOnlyMemory<byte> message = messages[i];
            using var frame = new PooledFrame(4 + message.Length);
            BinaryPrimitives.WriteInt32BigEndian(frame.Memory.Span, message.Length);
            message.Span.CopyTo(frame.Memory.Span[4..]);
            total += await _ring.SendAsync(_socket, frame.Memory[..(4 + message.Length)], MessageFlags.None, ct);
        }

        return total;
    }
}
