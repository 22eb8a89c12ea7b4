// A MySQL-style driver sets a per-thread command deadline ([ThreadStatic] ticks) in its command scope and reads what is
// left through a helper property. The blocking connect-with-timeout runs as an offloaded wrapper (no ring opcode: an
// AsyncSys worker): there the deadline is the worker's (0, or one left by another command), so RemainingMs says "no
// limit" and a reconnect to a dead primary hangs for the kernel's TCP timeout instead of the command's.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round38.PerThread.MySqlConnectThreadDeadline;

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
    public static int ConnectWithTimeout(int fd, byte[] address)
    {
        int timeoutMs = /*~ASYS1002*/RemainingMs;
        return Native.ConnectTimed(fd, address, address.Length, timeoutMs);
    }
}
