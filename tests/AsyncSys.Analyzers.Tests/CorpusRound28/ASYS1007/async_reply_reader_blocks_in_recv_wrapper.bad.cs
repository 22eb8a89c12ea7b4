// A wire-protocol client's async reply reader calls the blocking recv(2) wrapper in its loop, though the wrapper's
// generated RecvAsync exists. Each call parks a thread-pool thread until the server answers; a hundred slow queries
// starve the pool, and the timers and continuations that would cancel them cannot run.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.Blocking.ReplyReaderBlockingRecv;

public static partial class Net
{
    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint Recv(int fd, Span<byte> buffer, nuint count, int flags);
}

public sealed class ReplyReader(int fd)
{
    public async Task<int> ReadReplyAsync(byte[] buffer, int expected, CancellationToken ct)
    {
        int filled = 0;
        while (filled < expected)
        {
            ct.ThrowIfCancellationRequested();
            nint n = /*~ASYS1007*/Net.Recv(fd, buffer.AsSpan(filled), (nuint)(buffer.Length - filled), 0);
            if (n < 0) throw new ErrnoException(Marshal.GetLastPInvokeError(), "recv");
            if (n == 0) throw new EndOfStreamException("server closed the connection");
            filled += (int)n;
            await Task.Yield();
        }

        return filled;
    }
}
