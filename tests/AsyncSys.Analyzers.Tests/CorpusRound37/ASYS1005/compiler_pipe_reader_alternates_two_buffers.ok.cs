// The same copier with two buffers: the next pipe read fills the one the log write is not using.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round37.InFlight.CompilerPipeTwoBuffers;

public sealed class CompilerLogCopier(IoRing ring)
{
    public async Task CopyAsync(int stdoutPipe, int logFd, CancellationToken ct)
    {
        byte[] front = new byte[16 * 1024];
        byte[] back = new byte[16 * 1024];
        long logOffset = 0;
        int n = await ring.ReadAsync(stdoutPipe, front, -1, ct);
        while (n > 0)
        {
            ValueTask write = ring.WriteAsync(logFd, front.AsMemory(0, n), logOffset, ct);
            int next = await ring.ReadAsync(stdoutPipe, back, -1, ct);
            await write;
            logOffset += n;
            (front, back) = (back, front);
            n = next;
        }
    }
}
