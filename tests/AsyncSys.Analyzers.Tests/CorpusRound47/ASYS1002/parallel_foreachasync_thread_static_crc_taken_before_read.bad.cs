// A snapshot exporter checksums segments in parallel with Parallel.ForEachAsync; each body takes the worker thread's [ThreadStatic] CRC state before it reads its segment and folds the bytes in after the await, on the thread the read resumed on, while another body that started on the first thread may have taken and reset the same state.
using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus47.SnapshotCrcBad;

/// <summary>A running CRC-32 a worker reuses between segments instead of allocating one per segment.</summary>
internal sealed class Crc32State
{
    public uint Value = 0xFFFFFFFF;

    public void Reset() => Value = 0xFFFFFFFF;

    public void Append(ReadOnlySpan<byte> data)
    {
        uint crc = Value;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
            }
        }

        Value = crc;
    }
}

internal sealed class SnapshotExporter(IoRing ring)
{
    [ThreadStatic]
    private static Crc32State? t_crc;

    public Task ChecksumAsync(IReadOnlyList<(int Fd, int Length)> segments, ConcurrentDictionary<int, uint> sums, CancellationToken ct) =>
        Parallel.ForEachAsync(segments, ct, async (segment, token) =>
        {
            Crc32State crc = t_crc ??= new Crc32State();
            crc.Reset();
            byte[] data = ArrayPool<byte>.Shared.Rent(segment.Length);
            try
            {
                int n = await ring.ReadAsync(segment.Fd, data.AsMemory(0, segment.Length), 0, token).ConfigureAwait(false);
                /*~ASYS1002*/crc.Append(data.AsSpan(0, n));
                sums[segment.Fd] = ~crc.Value;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(data);
            }
        });
}
