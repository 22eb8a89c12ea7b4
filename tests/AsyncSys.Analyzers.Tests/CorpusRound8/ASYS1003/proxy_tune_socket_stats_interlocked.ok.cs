using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round8.Shared.ProxyTuneOk;

internal sealed class ProxyStats
{
    public long Tuned;
    public long TuneFailures;
}

/// <summary>A TCP relay sets TCP_NODELAY on both legs of every relayed connection; counters are atomic.</summary>
internal static partial class SocketTuning
{
    private const int IPPROTO_TCP = 6;
    private const int TCP_NODELAY = 1;

    public static readonly ProxyStats Stats = new();

    [DllImport("libc", SetLastError = true)]
    private static extern int setsockopt(int fd, int level, int name, ref int value, int length);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int NoDelay(int fd)
    {
        int on = 1;
        int result = setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, ref on, sizeof(int));
        if (result < 0)
        {
            Interlocked.Increment(ref Stats.TuneFailures);
        }
        else
        {
            Interlocked.Increment(ref Stats.Tuned);
        }

        return result;
    }
}
