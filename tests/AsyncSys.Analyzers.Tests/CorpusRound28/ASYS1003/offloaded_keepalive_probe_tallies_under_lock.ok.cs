// The keep-alive probe made right: the helper that tallies into the shared health record is called while the
// record's lock is held, so concurrent probes update counters and the last-error pair as one step each.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round28.Shared.KeepAliveProbeUnderLock;

internal static class Native
{
    internal const int SOL_SOCKET = 1, SO_ERROR = 4;

    [DllImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    internal static extern int GetSockOpt(int fd, int level, int name, out int value, ref int length);
}

public sealed class PoolHealth
{
    public readonly object Gate = new();
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
        lock (s_health.Gate)
        {
            Tally(s_health, fd, error);
        }

        return error;
    }

    private static void Tally(PoolHealth health, int fd, int error)
    {
        health.Probes++;
        if (error != 0)
        {
            health.Dead++;
            health.LastError = error;
            health.LastFailedFd = fd;
        }
    }
}
