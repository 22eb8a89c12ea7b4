// A message encoder returns its frames as a small pooled lease (Dispose gives the array back to ArrayPool). The fast
// path of SendAsync encodes into a lease held by a `using` declaration and returns the ring send's task: the lease is
// disposed as the method returns, the array is rented by the next encode and overwritten while this send still reads it.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round26.InFlight.PooledFrameLeaseDisposed;

public sealed class PooledFrame : IDisposable
{
    private byte[]? _array;
    private readonly int _length;

    private PooledFrame(byte[] array, int length)
    {
        _array = array;
        _length = length;
    }

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, _length);

    public static PooledFrame Encode(ReadOnlySpan<byte> payload)
    {
        byte[] array = ArrayPool<byte>.Shared.Rent(payload.Length + 4);
        BinaryPrimitives.WriteInt32BigEndian(array, payload.Length);
        payload.CopyTo(array.AsSpan(4));
        return new PooledFrame(array, payload.Length + 4);
    }

    public void Dispose()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}

public sealed class MessageSender(IoRing ring, int socketFd)
{
    public ValueTask<int> SendAsync(ReadOnlySpan<byte> payload, CancellationToken ct)
    {
        /*~ASYS1005*/using PooledFrame frame = PooledFrame.Encode(payload);
        return ring.SendAsync(socketFd, frame.Memory, MessageFlags.None, ct);
    }
}
