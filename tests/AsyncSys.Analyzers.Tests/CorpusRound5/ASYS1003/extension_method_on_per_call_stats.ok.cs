using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round5.Shared.ExtensionPerCall;

internal static class Native
{
    [DllImport("libc", SetLastError = true)]
    public static extern int syncfs(int fd);
}

public sealed class SyncStats
{
    public long Calls;
    public long Failures;
}

internal static class SyncStatsExtensions
{
    public static void Record(this SyncStats stats, int rc)
    {
        stats.Calls++;
        if (rc < 0)
        {
            stats.Failures++;
        }
    }

    public static void AddTo(this SyncStats stats, SyncStats totals)
    {
        Interlocked.Add(ref totals.Calls, stats.Calls);
        Interlocked.Add(ref totals.Failures, stats.Failures);
    }
}

public static partial class Filesystems
{
    public static SyncStats Totals { get; } = new();

    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    public static int SyncFilesystem(int fd)
    {
        int rc = Native.syncfs(fd);
        var mine = new SyncStats();   // this call's own counters
        mine.Record(rc);
        mine.AddTo(Totals);           // folded into the shared totals atomically
        return rc;
    }
}
