// A static-file server waits for a slow client's socket to become writable with an offloaded poll wrapper whose timeout comes from the current request's send timeout, kept in a [ThreadStatic] scope by the request pipeline.
using System.Runtime.InteropServices;
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

    private static int SendTimeout => RequestScope.t_current?.SendTimeoutMs ?? 30_000;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int WaitWritable(int socket)
    {
        PollFd entry = new() { Fd = socket, Events = POLLOUT };
        return Poll(&entry, 1, /*~ASYS1002*/SendTimeout);
    }
}
