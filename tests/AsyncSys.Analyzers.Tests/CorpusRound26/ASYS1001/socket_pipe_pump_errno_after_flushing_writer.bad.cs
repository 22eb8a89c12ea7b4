// A socket-to-pipe pump fills PipeWriter.GetMemory() with a non-blocking recv. When recv fails it first flushes what the
// pipe already holds (the parser should see every complete frame) and only then asks errno whether it was EAGAIN. After
// the await the method may run on another thread, whose saved error is not recv's: a reset connection reads as "try
// again" and the pump spins on a dead socket, or a plain EAGAIN is taken for a fatal error and the connection dropped.
using System;
using System.IO;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Round26.Errno.PumpErrnoAfterFlush;

internal static partial class Native
{
    internal const int EAGAIN = 11;
    internal const int MSG_DONTWAIT = 0x40;

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    internal static partial nint Recv(int fd, Span<byte> buffer, nuint length, int flags);
}

public sealed class SocketPipePump(int socketFd, PipeWriter writer)
{
    /// <summary>Moves what the socket has into the pipe; false when the peer closed or the reader is done.</summary>
    public async Task<bool> PumpOnceAsync(CancellationToken ct)
    {
        Memory<byte> memory = writer.GetMemory(4096);
        nint n = Native.Recv(socketFd, memory.Span, (nuint)memory.Length, Native.MSG_DONTWAIT);
        if (n > 0)
        {
            writer.Advance((int)n);
            FlushResult flushed = await writer.FlushAsync(ct);
            return !flushed.IsCompleted;
        }

        if (n < 0)
        {
            await writer.FlushAsync(ct);
            if (/*~ASYS1001*/Marshal.GetLastPInvokeError() == Native.EAGAIN)
            {
                return true;
            }

            throw new IOException("recv failed on the pumped socket");
        }

        return false;
    }
}
