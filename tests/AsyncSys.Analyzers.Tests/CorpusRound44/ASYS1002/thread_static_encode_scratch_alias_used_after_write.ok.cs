// A log writer encodes into a [ThreadStatic] scratch array through a second local, copies each record out before its awaited pwrite, and takes the scratch of the thread it resumed on again after the awaited pwrite before encoding the next record.
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
        encoded = t_scratch ??= new byte[4096];
        n = System.Text.Encoding.UTF8.GetBytes(second, encoded);
        _tail += await _ring.WriteAtMostAsync(_fd, encoded.AsSpan(0, n).ToArray(), _tail, ct);
    }
}
