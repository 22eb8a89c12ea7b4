// A watchdog service pets /dev/watchdog through WDIOC_KEEPALIVE in an offloaded wrapper and keeps statistics for its
// health page in static fields. Its timer and its "about to do something slow" path both call the variant, so two
// workers run the wrapper at once: kicks are lost and the last-kick time can go backwards.
using System.Diagnostics;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round34.SharedState.WatchdogKickCounter;

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

    public static long Kicks => s_kicks;
    public static long LastKickTimestamp => s_lastKickTimestamp;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int KeepAlive(int watchdogFd)
    {
        int dummy = 0;
        int rc = Native.Ioctl(watchdogFd, WDIOC_KEEPALIVE, &dummy);
        if (rc == 0)
        {
            /*~ASYS1003*/s_kicks++;
            /*~ASYS1003*/s_lastKickTimestamp = Stopwatch.GetTimestamp();
        }

        return rc;
    }
}
