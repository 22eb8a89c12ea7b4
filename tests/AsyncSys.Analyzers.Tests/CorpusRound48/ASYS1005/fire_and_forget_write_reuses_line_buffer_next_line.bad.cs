// An access log migrated from a synchronous FileStream.Write: each request's line and its trailer are encoded into the logger's one line buffer and written with a fire-and-forget `_ = ring.WriteAsync(...)`. The trailer is encoded into the same buffer on the next line while the first write may still be reading it, and a failed write is never seen.
using System;
using System.Text;
using AsyncSys;

namespace Corpus48.AccessLogBad;

internal sealed class AccessLog(IoRing ring, int fd)
{
    private readonly byte[] _line = new byte[1024];
    private long _offset;

    public void Record(string method, string path, int status, long elapsedMs)
    {
        int n = Encoding.ASCII.GetBytes(method + " " + path + " " + status, _line);
        /*~ASYS1006*/_ = ring.WriteAsync(fd, _line.AsMemory(0, n), _offset);
        _offset += n;
        int m = Encoding.ASCII.GetBytes(" " + elapsedMs + "ms\n", /*~ASYS1005*/_line);
        /*~ASYS1006*/_ = ring.WriteAsync(fd, _line.AsMemory(0, m), _offset);
        _offset += m;
    }
}
