// The reply wait made right: the offloaded poll(2) wrapper takes the statement timeout as a parameter, and the async
// caller reads the [ThreadStatic] setting on its own thread, before anything is awaited, and passes it in.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round28.PerThread.OffloadedReplyWaitArgument;

[StructLayout(LayoutKind.Sequential)]
public struct PollFd
{
    public int Fd;
    public short Events;
    public short Revents;
}

public static partial class ReplyWait
{
    internal const short POLLIN = 1;

    [ThreadStatic] internal static int t_statementTimeoutMs;

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll([In, Out] PollFd[] fds, nuint count, int timeoutMs);

    // Returns 1 when the reply's first bytes arrived, 0 on timeout, -1 with errno.
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int WaitReply(int socketFd, int timeoutMs)
    {
        var fds = new[] { new PollFd { Fd = socketFd, Events = POLLIN } };
        return Poll(fds, 1, timeoutMs);
    }

    public static async Task<bool> ReplyArrivedAsync(int socketFd, CancellationToken ct)
    {
        int timeoutMs = t_statementTimeoutMs == 0 ? 30_000 : t_statementTimeoutMs;
        int ready = await WaitReplyAsync(socketFd, timeoutMs, ct);
        return ready > 0;
    }
}
