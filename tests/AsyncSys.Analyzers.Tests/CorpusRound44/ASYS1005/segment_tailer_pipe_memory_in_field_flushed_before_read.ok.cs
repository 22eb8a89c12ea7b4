// A segment tailer keeps the PipeWriter's memory in a field, reads the next chunk of the log segment into it, and advances (only when bytes came) and flushes the pipe after the read completed.
using System;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round44.Tailing;

public sealed class SegmentTailer
{
    private const int ChunkSize = 16 * 1024;
    private readonly IoRing _ring;
    private readonly int _fd;
    private readonly PipeWriter _output;
    private Memory<byte> _window;
    private long _offset;

    public SegmentTailer(IoRing ring, int fd, PipeWriter output)
    {
        _ring = ring;
        _fd = fd;
        _output = output;
    }

    public async ValueTask<bool> PumpAsync(CancellationToken ct)
    {
        _window = _output.GetMemory(ChunkSize);
        ValueTask<int> read = _ring.ReadAsync(_fd, _window[..ChunkSize], _offset, ct);
        int n = await read;
        if (n > 0)
        {
            _output.Advance(n);
        }

        FlushResult flushed = await _output.FlushAsync(ct);
        _offset += n;
        return n > 0 && !flushed.IsCompleted;
    }
}
