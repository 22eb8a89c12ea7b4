// The tailer measures each watched file with an offloaded lseek(SEEK_END) wrapper and bumps a poll counter on the
// file's stats object taken from a static ConcurrentDictionary. The dictionary is thread-safe, the object in it is not:
// two workers measuring the same file lose an increment of Polls.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round35.Shared.TailStatsSharedEntry;

internal static class Native
{
    internal const int SEEK_END = 2;

    [DllImport("libc", EntryPoint = "lseek", SetLastError = true)]
    internal static extern long Lseek(int fd, long offset, int whence);
}

public sealed class FileStats
{
    public long Polls;
    public long LastSize;
}

public static partial class TailProbe
{
    internal static readonly ConcurrentDictionary<int, FileStats> s_statsByFd = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static long MeasureEnd(int fd)
    {
        long size = Native.Lseek(fd, 0, Native.SEEK_END);
        /*~ASYS1003*/s_statsByFd.GetOrAdd(fd, _ => new FileStats()).Polls++;
        return size;
    }
}
