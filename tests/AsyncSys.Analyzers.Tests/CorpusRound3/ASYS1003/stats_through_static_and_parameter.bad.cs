using System.Runtime.InteropServices;
using AsyncSys;

namespace Round3.Stats;

public sealed class IoStats
{
    public long Calls;
    public long Failures;
}

public static partial class Filesystems
{
    private static IoStats? s_stats;

    public static IoStats? Stats => s_stats;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int syncfs(int fd);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int SyncFilesystem(int fd)
    {
        int result = syncfs(fd);
        Record(result);
        return result;
    }

    private static void Record(int result)
    {
        IoStats stats = /*~ASYS1003*/s_stats ??= new IoStats();
        Count(stats, result);
    }

    private static void Count(IoStats stats, int result)
    {
        /*~ASYS1003*/stats.Calls++;   // the one shared IoStats, passed in
        if (result < 0)
        {
            /*~ASYS1003*/stats.Failures++;
        }
    }
}
