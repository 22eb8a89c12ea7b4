// A data logger daemon appends fixed 16-byte records (timestamp, sensor id, value) to its log file. To overlap the
// write with the next sensor poll it starts the write, polls, and stamps the next timestamp into the same record array
// before awaiting the write: the file can get the new timestamp with the old value.
using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round34.BufferInFlight.LoggerRecordReused;

public sealed class ReadingLogger(IoRing ring, int logFd, Func<CancellationToken, ValueTask<int>> poll)
{
    private readonly byte[] _record = new byte[16];
    private long _offset;

    public async Task RunAsync(int samples, CancellationToken ct)
    {
        int value = await poll(ct);
        for (int i = 0; i < samples; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_record.AsSpan(0, 8), Stopwatch.GetTimestamp());
            BinaryPrimitives.WriteInt32LittleEndian(_record.AsSpan(8, 4), 7);
            BinaryPrimitives.WriteInt32LittleEndian(_record.AsSpan(12, 4), value);
            ValueTask write = ring.WriteAsync(logFd, _record, _offset, ct);
            value = await poll(ct);
            /*~ASYS1005*/BinaryPrimitives.WriteInt64LittleEndian(_record.AsSpan(0, 8), Stopwatch.GetTimestamp());
            await write;
            _offset += 16;
        }
    }
}
