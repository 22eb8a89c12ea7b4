// The same appender sealing the CRC trailer before the write starts, and stamping the next record's header only after
// the write has completed.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.InFlight.WalCrcBeforeStart;

internal static class RecordFraming
{
    public static void SealCrc(Memory<byte> record)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(record.Span[^4..], Checksum(record.Span[..^4]));
    }

    public static uint Checksum(ReadOnlySpan<byte> body)
    {
        uint sum = 2166136261;
        foreach (byte b in body)
        {
            sum = (sum ^ b) * 16777619;
        }

        return sum;
    }
}

public sealed class WalAppender(IoRing ring, int walFd)
{
    private long _tail;

    public async Task AppendAsync(Memory<byte> record, long nextLsn, CancellationToken ct)
    {
        long at = _tail;
        _tail += record.Length;
        RecordFraming.SealCrc(record);
        ValueTask write = ring.WriteAsync(walFd, record, at, ct);
        uint check = RecordFraming.Checksum(record.Span[..^4]);
        await write;
        BinaryPrimitives.WriteInt64LittleEndian(record.Span, nextLsn);
        if (check == 0)
        {
            throw new InvalidOperationException("empty record");
        }
    }
}
