// A Modbus RTU master starts writing a request frame (n bytes of PDU plus its 2-byte CRC) and computes the CRC into the
// frame's last two bytes after the write has started, to overlap the two. The UART may already be sending those bytes:
// the slave receives a stale CRC and drops the request.
using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.BufferInFlight.ModbusCrcAfterStart;

public sealed class ModbusWriter(IoRing ring, int ttyFd)
{
    private readonly byte[] _frame = new byte[256];

    public async Task SendAsync(ReadOnlyMemory<byte> pdu, CancellationToken ct)
    {
        int n = pdu.Length;
        pdu.CopyTo(_frame);
        ValueTask write = ring.WriteAsync(ttyFd, _frame.AsMemory(0, n + 2), -1, ct);
        /*~ASYS1005*/BinaryPrimitives.WriteUInt16LittleEndian(_frame.AsSpan(n), Crc16(_frame.AsSpan(0, n)));
        await write;
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
