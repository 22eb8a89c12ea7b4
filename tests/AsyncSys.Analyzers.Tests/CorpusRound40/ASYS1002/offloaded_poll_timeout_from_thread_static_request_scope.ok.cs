// A static-file server waits for a slow client's socket to become writable with an offloaded poll wrapper; the request's send timeout is read from the [ThreadStatic] scope by the async caller and passed in.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace SlowClients;

internal sealed class RequestScope
{
    [System.ThreadStatic]
    internal static RequestScope? t_current;

    public int SendTimeoutMs { get; init; } = 30_000;
}

[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short Revents;
}

internal static unsafe partial class Net
{
    private const short POLLOUT = 4;

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollFd* fds, nuint count, int timeout);

    internal static int SendTimeout => RequestScope.t_current?.SendTimeoutMs ?? 30_000;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int WaitWritable(int socket, int timeoutMs)
    {
        PollFd entry = new() { Fd = socket, Events = POLLOUT };
        return Poll(&entry, 1, timeoutMs);
    }
}

internal static class SlowClientWriter
{
    public static async Task<bool> WaitForClientAsync(int socket, CancellationToken ct)
    {
        int ready = await Net.WaitWritableAsync(socket, Net.SendTimeout, ct);
        return ready > 0;
    }
}
