// The data logger made right: two record arrays alternate, so the next record is built in the one no write is reading,
// and each write is awaited before its array is built again.
using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.BufferInFlight.LoggerDoubleBuffered;

public sealed class ReadingLogger(IoRing ring, int logFd, Func<CancellationToken, ValueTask<int>> poll)
{
    private readonly byte[] _front = new byte[16];
    private readonly byte[] _back = new byte[16];
    private long _offset;

    public async Task RunAsync(int samples, CancellationToken ct)
    {
        int value = await poll(ct);
        for (int i = 0; i < samples; i++)
        {
            byte[] record = (i & 1) == 0 ? _front : _back;
            BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(0, 8), Stopwatch.GetTimestamp());
            BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(8, 4), 7);
            BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(12, 4), value);
            ValueTask write = ring.WriteAsync(logFd, record, _offset, ct);
            value = await poll(ct);
            await write;
            _offset += 16;
        }
    }
}
