// The Modbus RTU master computes the CRC before the write starts, and while the write runs it stages the next request
// after the bytes in flight (from n + 2 on), which the write does not read.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.BufferInFlight.ModbusStagePastInFlight;

public sealed class ModbusWriter(IoRing ring, int ttyFd)
{
    private readonly byte[] _frame = new byte[512];

    public async Task SendPairAsync(ReadOnlyMemory<byte> first, ReadOnlyMemory<byte> second, CancellationToken ct)
    {
        int n = first.Length;
        first.CopyTo(_frame);
        BinaryPrimitives.WriteUInt16LittleEndian(_frame.AsSpan(n), Crc16(_frame.AsSpan(0, n)));
        ValueTask write = ring.WriteAsync(ttyFd, _frame.AsMemory(0, n + 2), -1, ct);
        second.Span.CopyTo(_frame.AsSpan(n + 2));
        await write;
        int m = second.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(_frame.AsSpan(n + 2 + m), Crc16(_frame.AsSpan(n + 2, m)));
        await ring.WriteAsync(ttyFd, _frame.AsMemory(n + 2, m + 2), -1, ct);
    }

    private static ushort Crc16(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int i = 0; i < 8; i++) crc = (ushort)((crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1);
        }

        return crc;
    }
}
