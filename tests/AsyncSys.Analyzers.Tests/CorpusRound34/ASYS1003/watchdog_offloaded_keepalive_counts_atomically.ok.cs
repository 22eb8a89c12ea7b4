// The same offloaded watchdog keepalive, with its statistics updated atomically.
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round34.SharedState.WatchdogKickCounterAtomic;

internal static unsafe class Native
{
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    internal static extern int Ioctl(int fd, nuint request, void* argument);
}

public static unsafe partial class Watchdog
{
    private const nuint WDIOC_KEEPALIVE = 0x80045705;
    private static long s_kicks;
    private static long s_lastKickTimestamp;

    public static long Kicks => Interlocked.Read(ref s_kicks);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int KeepAlive(int watchdogFd)
    {
        int dummy = 0;
        int rc = Native.Ioctl(watchdogFd, WDIOC_KEEPALIVE, &dummy);
        if (rc == 0)
        {
            Interlocked.Increment(ref s_kicks);
            long now = Stopwatch.GetTimestamp();
            long seen = Volatile.Read(ref s_lastKickTimestamp);
            while (now > seen && Interlocked.CompareExchange(ref s_lastKickTimestamp, now, seen) != seen)
            {
                seen = Volatile.Read(ref s_lastKickTimestamp);
            }
        }

        return rc;
    }
}
