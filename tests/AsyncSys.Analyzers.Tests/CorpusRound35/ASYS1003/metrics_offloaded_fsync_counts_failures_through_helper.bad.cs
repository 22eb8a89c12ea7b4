// The agent's metrics count fsync calls and failures in plain static fields, bumped by a helper the offloaded syncfs
// wrapper calls. Workers run the wrapper concurrently: the ++ on both counters loses increments, and the exported
// failure rate is wrong exactly when the disk is in trouble.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round35.Shared.MetricsHelperCounters;

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
        /*~ASYS1003*/s_syncCalls++;
        if (rc < 0)
        {
            /*~ASYS1003*/s_syncFailures++;
        }

        return rc;
    }
}

public static partial class SpillVolume
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int SyncVolume(int spillDirFd) => AgentMetrics.Track(Native.SyncFs(spillDirFd));
}
