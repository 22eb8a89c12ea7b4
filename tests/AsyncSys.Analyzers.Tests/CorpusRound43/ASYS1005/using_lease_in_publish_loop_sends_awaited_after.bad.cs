// A publisher frames each message into a pooled lease declared with `using` inside its loop and keeps the sends to await after the loop: each lease goes back to the pool at the end of its iteration while its send still reads it.
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
        var sends = new Task<int>[messages.Count];
        for (int i = 0; i < messages.Count; i++)
        {
            ReadOnlyMemory<byte> message = messages[i];
            /*~ASYS1005*/using var frame = new PooledFrame(4 + message.Length);
            BinaryPrimitives.WriteInt32BigEndian(frame.Memory.Span, message.Length);
            message.Span.CopyTo(frame.Memory.Span[4..]);
            sends[i] = _ring.SendAsync(_socket, frame.Memory[..(4 + message.Length)], MessageFlags.None, ct).AsTask();
        }

        int[] sent = await Task.WhenAll(sends);
        int total = 0;
        foreach (int n in sent)
        {
            total += n;
        }

        return total;
    }
}
