// A recording service tags every log line with the session being recorded through an AsyncLocal, set before the
// segment write and read after it. AsyncLocal flows with the async call, so the value after the await is the session's
// own, whichever thread runs the continuation.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round30.PerThread.RecordingSessionAsyncLocal;

public sealed class RecordingWriter(IoRing ring, TextWriter log)
{
    private static readonly AsyncLocal<string?> s_session = new();

    public async Task WriteChunkAsync(string sessionId, int fd, ReadOnlyMemory<byte> chunk, long offset, CancellationToken ct)
    {
        s_session.Value = sessionId;
        await ring.WriteAsync(fd, chunk, offset, ct);
        log.WriteLine($"[{s_session.Value}] wrote {chunk.Length} bytes at {offset}");
    }
}
