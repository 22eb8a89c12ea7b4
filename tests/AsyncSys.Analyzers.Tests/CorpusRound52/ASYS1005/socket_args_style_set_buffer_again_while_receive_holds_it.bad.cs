// A protocol client reuses one SocketAsyncEventArgs-style argument object per connection; after starting the body's receive into the argument's buffer it calls SetBuffer for the (larger) next message, which returns the current array to the pool and rents a new one while the receive still writes the old array.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.ReusedArgsSetBufferBad;

/// <summary>A reusable argument object in the shape of SocketAsyncEventArgs: one pooled array, resized by SetBuffer.</summary>
internal sealed class RingArgs : IDisposable
{
    private byte[] _array = ArrayPool<byte>.Shared.Rent(1024);

    public int Count { get; private set; }

    public Memory<byte> MemoryBuffer => _array.AsMemory(0, Count);

    public void SetBuffer(int count)
    {
        if (count > _array.Length)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = ArrayPool<byte>.Shared.Rent(count);
        }

        Count = count;
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_array);
}

internal sealed class MessageClient(IoRing ring, int socket)
{
    private readonly RingArgs _args = new();

    public async Task<int> ReceiveBodyAsync(int bodyLength, int nextHint, CancellationToken ct)
    {
        _args.SetBuffer(bodyLength);
        ValueTask<int> receive = ring.ReceiveAsync(socket, _args.MemoryBuffer, MessageFlags.WaitAll, ct);
        /*~ASYS1005*/_args.SetBuffer(Math.Max(bodyLength, nextHint));
        return await receive.ConfigureAwait(false);
    }
}
