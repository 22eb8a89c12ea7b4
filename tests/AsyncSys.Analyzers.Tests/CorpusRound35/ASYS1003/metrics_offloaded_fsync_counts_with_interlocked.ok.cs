// The same metrics helper counts with Interlocked, so concurrent workers lose no increments.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round35.Shared.MetricsInterlocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    internal static extern int SyncFs(int fd);
}

internal static class AgentMetrics
{
    internal static long s_syncCalls;
    internal static long s_syncFailures;

    internal static int Track(int rc)
    {
        Interlocked.Increment(ref s_syncCalls);
        if (rc < 0)
        {
            Interlocked.Increment(ref s_syncFailures);
        }

        return rc;
    }
}

public static partial class SpillVolume
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int SyncVolume(int spillDirFd) => AgentMetrics.Track(Native.SyncFs(spillDirFd));
}
