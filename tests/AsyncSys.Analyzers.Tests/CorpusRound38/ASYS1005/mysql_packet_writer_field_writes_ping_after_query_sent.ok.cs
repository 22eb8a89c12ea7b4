// A MySQL-style connection frames packets with a BinaryWriter it keeps in a field, over a MemoryStream over the
// connection's send array. It sends a COM_QUERY, awaits that send, and only then rewinds the stream and writes the
// COM_PING packet into the array for the next send.
using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.InFlight.MySqlPacketWriterFieldAfter;

public sealed class MySqlPacketWriter
{
    private static readonly byte[] PingPacket = { 1, 0, 0, 0, 0x0e };

    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly byte[] _send = new byte[16 * 1024];
    private readonly MemoryStream _stream;
    private readonly BinaryWriter _writer;

    public MySqlPacketWriter(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
        _stream = new MemoryStream(_send);
        _writer = new BinaryWriter(_stream);
    }

    public async Task QueryThenPingAsync(string sql, CancellationToken ct)
    {
        _stream.Position = 0;
        WritePacket(0, 0x03, Encoding.UTF8.GetBytes(sql));
        ValueTask<int> query = _ring.SendAsync(_fd, _send.AsMemory(0, (int)_stream.Position), MessageFlags.None, ct);
        await query;
        _stream.Position = 0;
        _writer.Write(PingPacket);
        await _ring.SendAsync(_fd, _send.AsMemory(0, PingPacket.Length), MessageFlags.None, ct);
    }

    private void WritePacket(byte sequence, byte command, byte[] payload)
    {
        int length = payload.Length + 1;
        _writer.Write((byte)length);
        _writer.Write((byte)(length >> 8));
        _writer.Write((byte)(length >> 16));
        _writer.Write(sequence);
        _writer.Write(command);
        _writer.Write(payload);
    }
}
