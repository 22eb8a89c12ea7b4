// A driver's keep-alive task checks idle pooled connections with an offloaded probe (getsockopt SO_ERROR on a
// worker) and tallies the outcome into one static health record through a helper. The keep-alive probes all idle
// connections at once, so several workers run the helper together: the record's counters lose updates and the
// "last error" can belong to a different connection than "last failed fd".
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round28.Shared.KeepAliveProbeHealthHelper;

internal static class Native
{
    internal const int SOL_SOCKET = 1, SO_ERROR = 4;

    [DllImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    internal static extern int GetSockOpt(int fd, int level, int name, out int value, ref int length);
}

public sealed class PoolHealth
{
    public long Probes;
    public long Dead;
    public int LastError;
    public int LastFailedFd;
}

public static partial class KeepAlive
{
    internal static readonly PoolHealth s_health = new();

    // Returns the socket's pending error (0: healthy), or -1 with errno.
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Probe(int fd)
    {
        int error = 0, length = sizeof(int);
        if (Native.GetSockOpt(fd, Native.SOL_SOCKET, Native.SO_ERROR, out error, ref length) < 0) return -1;
        Tally(s_health, fd, error);
        return error;
    }

    private static void Tally(PoolHealth health, int fd, int error)
    {
        /*~ASYS1003*/health.Probes++;
        if (error != 0)
        {
            /*~ASYS1003*/health.Dead++;
            /*~ASYS1003*/health.LastError = error;
            /*~ASYS1003*/health.LastFailedFd = fd;
        }
    }
}
