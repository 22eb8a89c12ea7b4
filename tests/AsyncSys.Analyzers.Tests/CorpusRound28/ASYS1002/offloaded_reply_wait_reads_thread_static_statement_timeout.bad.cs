// A driver's synchronous API sets a [ThreadStatic] statement timeout for the duration of a command, and the wait for
// the server's reply (poll(2) for readability) reads it. Declared with no ring opcode, the wait runs on an AsyncSys
// worker thread when awaited as WaitReplyAsync: it reads the worker's field (0 there: poll returns at once), so every
// asynchronous query times out immediately, or a stale value from another command applies.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round28.PerThread.OffloadedReplyWaitTimeout;

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

    public static IDisposable StatementTimeout(int milliseconds)
    {
        int previous = t_statementTimeoutMs;
        t_statementTimeoutMs = milliseconds;
        return new Restore(previous);
    }

    // Returns 1 when the reply's first bytes arrived, 0 on timeout, -1 with errno.
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int WaitReply(int socketFd)
    {
        var fds = new[] { new PollFd { Fd = socketFd, Events = POLLIN } };
        return Poll(fds, 1, /*~ASYS1002*/t_statementTimeoutMs);
    }

    private sealed class Restore(int previous) : IDisposable
    {
        public void Dispose() => t_statementTimeoutMs = previous;
    }
}
