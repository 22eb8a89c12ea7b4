using System.Runtime.InteropServices;
using AsyncSys;

namespace Round5.Shared.ExtensionStats;

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
        /*~ASYS1003*/stats.Calls++;
        if (rc < 0)
        {
            /*~ASYS1003*/stats.Failures++;
        }
    }
}

public static partial class Filesystems
{
    public static SyncStats Stats { get; } = new();

    [AsyncSyscall(Errors = SyscallErrors.MinusOneAndErrno)]
    public static int SyncFilesystem(int fd)
    {
        int rc = Native.syncfs(fd);
        Stats.Record(rc);   // every worker updates the one SyncStats
        return rc;
    }
}
