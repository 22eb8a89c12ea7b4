// A socket Stream's synchronous Flush override (called by a StreamWriter wrapped around it) sends the pending bytes and blocks on the send through AsTask(), the one allowed way to wait synchronously for a ValueTask that has not completed.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus52.SyncFlushValueTaskOk;

internal sealed class BufferedSocketStream(IoRing ring, int socket) : Stream
{
    private readonly byte[] _pending = new byte[8192];
    private int _count;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_count + count > _pending.Length)
        {
            Flush();
        }

        buffer.AsSpan(offset, count).CopyTo(_pending.AsSpan(_count));
        _count += count;
    }

    public override void Flush()
    {
        if (_count == 0)
        {
            return;
        }

        ValueTask<int> send = ring.SendAsync(socket, _pending.AsMemory(0, _count), MessageFlags.None, CancellationToken.None);
        int sent = send.AsTask().GetAwaiter().GetResult();
        _count -= sent;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
