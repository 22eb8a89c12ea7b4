// The reply reader made right: the loop awaits the recv wrapper's generated RecvAsync with the caller's token, so
// waiting for the server holds no thread.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.Blocking.ReplyReaderRecvVariant;

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
            nint n = await Net.RecvAsync(fd, buffer.AsMemory(filled), 0, ct);
            if (n == 0) throw new EndOfStreamException("server closed the connection");
            filled += (int)n;
        }

        return filled;
    }
}
