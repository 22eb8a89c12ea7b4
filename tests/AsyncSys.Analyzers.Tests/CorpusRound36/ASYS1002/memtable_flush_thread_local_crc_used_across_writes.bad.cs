// A memtable flush computes the SSTable's block checksums with a CRC accumulator taken once from a ThreadLocal (to avoid
// allocating one per flush). Each block is written through the ring; after the first await the loop continues on
// another thread whose own flush uses the same accumulator, so two tables' blocks feed one CRC and both tables fail
// verification on the next read.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.ThreadState.MemtableFlushCrc;

/// <summary>CRC-32C of the bytes appended since the last reset (bitwise; the flusher's block checksum).</summary>
public sealed class Crc32Accumulator
{
    private uint _crc = uint.MaxValue;

    public uint Value => ~_crc;

    public void Reset() => _crc = uint.MaxValue;

    public void Append(ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            _crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                _crc = (_crc & 1) != 0 ? (_crc >> 1) ^ 0x82F63B78u : _crc >> 1;
            }
        }
    }
}

public sealed class MemtableFlusher(IoRing ring)
{
    private static readonly ThreadLocal<Crc32Accumulator> s_crc = new(() => new Crc32Accumulator());

    public async Task<uint> FlushAsync(int tableFd, IReadOnlyList<byte[]> blocks, CancellationToken ct)
    {
        Crc32Accumulator crc = s_crc.Value!;
        crc.Reset();
        long offset = 0;
        foreach (byte[] block in blocks)
        {
            await ring.WriteAsync(tableFd, block, offset, ct);
            /*~ASYS1002*/crc.Append(block);
            offset += block.Length;
        }

        return crc.Value;
    }
}
