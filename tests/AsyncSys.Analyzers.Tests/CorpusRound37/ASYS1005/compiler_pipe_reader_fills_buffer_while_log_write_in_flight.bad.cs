// A compiler driver copies the compiler's stdout pipe into a build log: it starts the log write of the chunk just read
// and, to overlap, immediately receives the next chunk from the pipe into the same buffer. The kernel writes the log
// from that buffer while the pipe read overwrites it: the log has interleaved, garbled diagnostics.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.InFlight.CompilerPipeSameBuffer;

public sealed class CompilerLogCopier(IoRing ring)
{
    public async Task CopyAsync(int stdoutPipe, int logFd, CancellationToken ct)
    {
        byte[] buffer = new byte[16 * 1024];
        long logOffset = 0;
        int n = await ring.ReadAsync(stdoutPipe, buffer, -1, ct);
        while (n > 0)
        {
            ValueTask write = ring.WriteAsync(logFd, buffer.AsMemory(0, n), logOffset, ct);
            int next = await ring.ReadAsync(stdoutPipe, /*~ASYS1005*/buffer, -1, ct);
            await write;
            logOffset += n;
            n = next;
        }
    }
}
