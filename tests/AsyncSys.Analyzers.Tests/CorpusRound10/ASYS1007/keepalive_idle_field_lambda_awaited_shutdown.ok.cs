using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using AsyncSys;

namespace Round10.Blocking.KeepAliveShutdownOk;

internal static partial class SocketCalls
{
    [LibraryImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    [AsyncSyscall]
    internal static partial int Shutdown(int fd, int how);
}

/// <summary>
/// An HTTP/1.1 server's keep-alive policy: when a connection idles out, what is left in its output buffer is flushed
/// and the write side is shut down, so the client reads a clean EOF before the socket is closed.
/// </summary>
internal sealed class KeepAlivePolicy(IoRing ring)
{
    private const int SHUT_WR = 1;

    public Func<int, ReadOnlyMemory<byte>, Task> OnIdle { get; } = async (fd, unsent) =>
    {
        while (!unsent.IsEmpty)
        {
            int n = await ring.SendAsync(fd, unsent);
            unsent = unsent[n..];
        }

        await SocketCalls.ShutdownAsync(ring, fd, SHUT_WR);
    };
}
