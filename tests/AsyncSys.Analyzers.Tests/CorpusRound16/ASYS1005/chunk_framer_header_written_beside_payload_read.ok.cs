// A log-shipping middleware frames file chunks: the first 8 bytes of a pooled buffer get the chunk tag and sequence
// number while the ring reads the payload into the rest of the same array. The two ranges do not overlap, so writing the
// header during the read touches nothing the kernel writes; the buffer goes back to the pool after the read is awaited.
using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round16.BufferInFlight.ChunkHeaderBesidePayload;

public sealed class ChunkFramer(IoRing ring)
{
    private const int HeaderSize = 8;
    private int _sequence;

    public async Task<int> PumpAsync(int fileFd, long offset, Stream output, CancellationToken ct)
    {
        byte[] frame = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            ValueTask<int> read = ring.ReadAsync(fileFd, frame.AsMemory(HeaderSize), offset, ct);
            BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(0, 4), 0x4B4E4843);
            BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4, 4), ++_sequence);
            int n = await read;
            await output.WriteAsync(frame.AsMemory(0, HeaderSize + n), ct);
            return n;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }
}
