// A reply reader first drains whatever is already in the socket buffer with a synchronous helper that calls the recv
// wrapper with MSG_DONTWAIT (it never blocks: EAGAIN when empty), and only awaits RecvAsync when nothing was there.
// The blocking wrapper is called from an ordinary method, not from the async one.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.Blocking.NonBlockingDrainHelper;

public static partial class Net
{
    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    [AsyncSyscall]
    public static partial nint Recv(int fd, Span<byte> buffer, nuint count, int flags);
}

public sealed class DrainingReader(int fd)
{
    private const int MSG_DONTWAIT = 0x40, EAGAIN = 11;

    public async Task<int> ReadSomeAsync(byte[] buffer, CancellationToken ct)
    {
        int ready = TryReadNow(buffer);
        if (ready > 0) return ready;
        nint n = await Net.RecvAsync(fd, buffer, 0, ct);
        if (n == 0) throw new EndOfStreamException("server closed the connection");
        return (int)n;
    }

    private int TryReadNow(byte[] buffer)
    {
        nint n = Net.Recv(fd, buffer, (nuint)buffer.Length, MSG_DONTWAIT);
        if (n >= 0) return (int)n;
        int errno = Marshal.GetLastPInvokeError();
        return errno == EAGAIN ? 0 : throw new ErrnoException(errno, "recv");
    }
}
