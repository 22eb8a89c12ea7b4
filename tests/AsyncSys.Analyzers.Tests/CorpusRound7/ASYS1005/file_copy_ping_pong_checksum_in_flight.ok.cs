using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round7.Buffers.CopyPingPongOk;

/// <summary>A file copy tool overlaps reading the next chunk with writing the last one, alternating two buffers.</summary>
internal sealed class OverlappedCopier(IoRing ring)
{
    public uint Checksum { get; private set; }

    public async Task<long> CopyAsync(int source, int destination, CancellationToken cancellationToken)
    {
        byte[] front = new byte[1 << 20];
        byte[] back = new byte[1 << 20];
        long offset = 0;
        int n = await ring.ReadAsync(source, front, offset, cancellationToken);
        while (n > 0)
        {
            ValueTask write = ring.WriteAsync(destination, front.AsMemory(0, n), offset, cancellationToken);
            Checksum = Fold(Checksum, front.AsSpan(0, n));                  // only reads the bytes being written
            int next = await ring.ReadAsync(source, back, offset + n, cancellationToken);   // the other buffer
            await write;
            offset += n;
            n = next;
            (front, back) = (back, front);
        }

        return offset;
    }

    private static uint Fold(uint sum, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            sum = (sum << 5) + sum + b;
        }

        return sum;
    }
}
