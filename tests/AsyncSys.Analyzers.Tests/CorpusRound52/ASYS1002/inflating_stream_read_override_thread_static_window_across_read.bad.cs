// A decompressing Stream's ReadAsync override takes the calling thread's cached inflate window from a [ThreadStatic] field, awaits the ring read of the compressed block and then inflates through that window on the thread the read resumed on, where another stream may be using the same window.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.InflateWindowThreadStaticBad;

/// <summary>A run-length window, standing for a real decompressor's per-thread state.</summary>
internal sealed class InflateWindow
{
    private readonly byte[] _history = new byte[32 * 1024];
    private int _length;

    public int Inflate(ReadOnlySpan<byte> compressed, Span<byte> destination)
    {
        int written = 0;
        for (int i = 0; i + 1 < compressed.Length && written < destination.Length; i += 2)
        {
            int run = Math.Min(compressed[i], destination.Length - written);
            destination.Slice(written, run).Fill(compressed[i + 1]);
            written += run;
        }

        destination[..written].CopyTo(_history.AsSpan(0, Math.Min(written, _history.Length)));
        _length = written;
        return _length;
    }
}

/// <summary>The members every Stream must have, for a stream that only supports the asynchronous calls shown.</summary>
internal abstract class RingStreamBase : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

internal sealed class InflatingFileStream(IoRing ring, int fd) : RingStreamBase
{
    [ThreadStatic]
    private static InflateWindow? t_window;

    private readonly byte[] _compressed = new byte[16 * 1024];
    private long _fileOffset;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        InflateWindow window = t_window ??= new InflateWindow();
        int n = await ring.ReadAsync(fd, _compressed, _fileOffset, cancellationToken).ConfigureAwait(false);
        _fileOffset += n;
        return /*~ASYS1002*/window.Inflate(_compressed.AsSpan(0, n), buffer.Span);
    }
}
