// The memtable flush made right: each flush owns its CRC accumulator (a new one per call), so blocks written on
// whatever thread the loop resumes on feed only this table's checksum.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round36.ThreadState.MemtableFlushOwnCrc;

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
    public async Task<uint> FlushAsync(int tableFd, IReadOnlyList<byte[]> blocks, CancellationToken ct)
    {
        var crc = new Crc32Accumulator();
        long offset = 0;
        foreach (byte[] block in blocks)
        {
            await ring.WriteAsync(tableFd, block, offset, ct);
            crc.Append(block);
            offset += block.Length;
        }

        return crc.Value;
    }
}
