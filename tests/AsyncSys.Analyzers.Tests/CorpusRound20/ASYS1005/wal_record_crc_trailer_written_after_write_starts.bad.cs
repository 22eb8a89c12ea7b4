// A WAL appender frames a record, starts the write, and only then seals the record's CRC trailer through a helper.
// The kernel may already have copied the record with a zero trailer, so recovery rejects the record as torn and the
// commit acknowledged to the client is lost on restart.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round20.InFlight.WalCrcAfterStart;

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

    public async Task AppendAsync(Memory<byte> record, CancellationToken ct)
    {
        long at = _tail;
        _tail += record.Length;
        ValueTask write = ring.WriteAsync(walFd, record, at, ct);
        /*~ASYS1005*/RecordFraming.SealCrc(record);
        await write;
    }
}
