// A thumbnail store encodes into a pooled-array lease struct declared with `using var` and returns the ring write of the lease's memory, so the lease goes back to the pool as the method returns.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using Microsoft.Win32.SafeHandles;

namespace Round11.InFlight.PooledLeaseStruct;

/// <summary>A rented array that goes back to the pool when disposed (the usual `using var lease = new PooledBytes(n)` helper).</summary>
public readonly struct PooledBytes : IDisposable
{
    private readonly byte[] _array;

    public PooledBytes(int length)
    {
        _array = ArrayPool<byte>.Shared.Rent(length);
        Length = length;
    }

    public int Length { get; }

    public Memory<byte> Memory => _array.AsMemory(0, Length);

    public void Dispose() => ArrayPool<byte>.Shared.Return(_array);
}

public sealed class ThumbnailStore(IoRing ring)
{
    public ValueTask WriteThumbnailAsync(SafeFileHandle file, ReadOnlyMemory<byte> pixels, int width, int height, CancellationToken cancellationToken)
    {
        /*~ASYS1005*/using var encoded = new PooledBytes(54 + pixels.Length);
        EncodeBmp(pixels.Span, width, height, encoded.Memory.Span);
        return ring.WriteAsync(file, encoded.Memory, 0, cancellationToken);
    }

    private static void EncodeBmp(ReadOnlySpan<byte> pixels, int width, int height, Span<byte> output)
    {
        output.Clear();
        output[0] = (byte)'B';
        output[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(output[2..], output.Length);
        BinaryPrimitives.WriteInt32LittleEndian(output[10..], 54);
        BinaryPrimitives.WriteInt32LittleEndian(output[14..], 40);
        BinaryPrimitives.WriteInt32LittleEndian(output[18..], width);
        BinaryPrimitives.WriteInt32LittleEndian(output[22..], height);
        BinaryPrimitives.WriteInt16LittleEndian(output[26..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(output[28..], 24);
        pixels.CopyTo(output[54..]);
    }
}
