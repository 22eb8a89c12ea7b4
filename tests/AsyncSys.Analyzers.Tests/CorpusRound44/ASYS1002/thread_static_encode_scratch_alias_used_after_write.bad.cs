// A log writer encodes into a [ThreadStatic] scratch array through a second local taken before an awaited pwrite, copies each record out before its awaited pwrite, and encodes the next record into that alias after the await, on whatever thread resumed it (another writer on the first thread shares the array).
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round44.ScratchAlias;

public sealed class LogWriter
{
    [ThreadStatic]
    private static byte[]? t_scratch;

    private readonly IoRing _ring;
    private readonly int _fd;
    private long _tail;

    public LogWriter(IoRing ring, int fd)
    {
        _ring = ring;
        _fd = fd;
    }

    public async ValueTask WritePairAsync(string first, string second, CancellationToken ct)
    {
        byte[] scratch = t_scratch ??= new byte[4096];
        byte[] encoded = scratch;
        int n = System.Text.Encoding.UTF8.GetBytes(first, encoded);
        _tail += await _ring.WriteAtMostAsync(_fd, encoded.AsSpan(0, n).ToArray(), _tail, ct);
        n = System.Text.Encoding.UTF8.GetBytes(second, /*~ASYS1002*/encoded);
        _tail += await _ring.WriteAtMostAsync(_fd, encoded.AsSpan(0, n).ToArray(), _tail, ct);
    }
}
