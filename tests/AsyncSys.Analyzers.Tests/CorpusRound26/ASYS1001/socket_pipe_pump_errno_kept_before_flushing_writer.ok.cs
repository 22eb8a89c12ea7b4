// The socket-to-pipe pump made right: when the non-blocking recv fails, errno is kept right after the call, before the
// writer's flush is awaited, so the EAGAIN test after the await uses recv's own error.
using System;
using System.IO;
using System.IO.Pipelines;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Round26.Errno.PumpErrnoKeptBeforeFlush;

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
            int errno = Marshal.GetLastPInvokeError();
            await writer.FlushAsync(ct);
            if (errno == Native.EAGAIN)
            {
                return true;
            }

            throw new IOException($"recv failed on the pumped socket: errno {errno}");
        }

        return false;
    }
}
