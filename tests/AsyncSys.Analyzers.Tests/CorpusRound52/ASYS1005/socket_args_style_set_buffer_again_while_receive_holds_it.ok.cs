// A protocol client reuses one SocketAsyncEventArgs-style argument object per connection; it awaits the body's receive into the argument's buffer before calling SetBuffer for the (larger) next message, which may return that array to the pool.
using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.ReusedArgsSetBufferOk;

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
        int n = await ring.ReceiveAsync(socket, _args.MemoryBuffer, MessageFlags.WaitAll, ct).ConfigureAwait(false);
        _args.SetBuffer(Math.Max(bodyLength, nextHint));
        return n;
    }
}
