// A MySQL-style driver keeps a per-thread command deadline ([ThreadStatic] ticks) and reads what is left on the
// caller's thread; the offloaded connect-with-timeout wrapper takes the timeout as an argument, so the worker that runs
// it uses the caller's deadline.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round38.PerThread.MySqlConnectDeadlineArgument;

internal static class Native
{
    [DllImport("libdbshim", EntryPoint = "dbshim_connect_timed", SetLastError = true)]
    internal static extern int ConnectTimed(int fd, byte[] address, int addressLength, int timeoutMs);
}

public static partial class DeadlineConnector
{
    [ThreadStatic]
    private static long t_deadline;

    public static void SetDeadline(TimeSpan timeout) => t_deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;

    private static int RemainingMs => t_deadline == 0 ? -1 : (int)Math.Max(0, t_deadline - Environment.TickCount64);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int ConnectWithTimeout(int fd, byte[] address, int timeoutMs) =>
        Native.ConnectTimed(fd, address, address.Length, timeoutMs);

    public static async Task ReconnectAsync(int fd, byte[] address, CancellationToken ct)
    {
        await ConnectWithTimeoutAsync(fd, address, RemainingMs, ct);
    }
}
