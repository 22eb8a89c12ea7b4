// An append-only log ported from RandomAccess.Write to ring.WriteAsync became AppendAsync: it reserves the record's range and awaits the write, so a failure reaches the caller and the record memory is free when the call returns.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus57.AppendDropsWriteOk;

internal sealed class AppendLog(IoRing ring, int fd)
{
    private long _length;

    public long Length => Interlocked.Read(ref _length);

    public async ValueTask AppendAsync(ReadOnlyMemory<byte> record, CancellationToken ct)
    {
        long offset = Interlocked.Add(ref _length, record.Length) - record.Length;
        await ring.WriteAsync(fd, record, offset, ct).ConfigureAwait(false);
    }
}
