// An append-only log ported from RandomAccess.Write (which returns when the bytes are written) to ring.WriteAsync kept the method's void signature: the ValueTask is dropped, so a failed write is never seen, the caller may reuse the record memory while the write runs, and the length moves on for bytes that may never land.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.AppendDropsWriteBad;

internal sealed class AppendLog(IoRing ring, int fd)
{
    private long _length;

    public long Length => _length;

    public void Append(ReadOnlyMemory<byte> record)
    {
        /*~ASYS1006*/ring.WriteAsync(fd, record, _length, CancellationToken.None);
        _length += record.Length;
    }
}
