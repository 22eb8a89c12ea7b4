// An access log migrated from a synchronous FileStream.Write: each request's line and its trailer are encoded into the logger's one line buffer, and each write is awaited before the buffer is encoded again.
using System;
using System.Text;
using System.Threading.Tasks;
using AsyncSys;

namespace Corpus48.AccessLogOk;

internal sealed class AccessLog(IoRing ring, int fd)
{
    private readonly byte[] _line = new byte[1024];
    private long _offset;

    public async Task RecordAsync(string method, string path, int status, long elapsedMs)
    {
        int n = Encoding.ASCII.GetBytes(method + " " + path + " " + status, _line);
        await ring.WriteAsync(fd, _line.AsMemory(0, n), _offset).ConfigureAwait(false);
        _offset += n;
        int m = Encoding.ASCII.GetBytes(" " + elapsedMs + "ms\n", _line);
        await ring.WriteAsync(fd, _line.AsMemory(0, m), _offset).ConfigureAwait(false);
        _offset += m;
    }
}
