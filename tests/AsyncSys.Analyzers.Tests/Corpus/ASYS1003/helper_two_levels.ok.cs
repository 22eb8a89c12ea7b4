// The statistics helper adds with Interlocked.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Corpus;

internal static class Stats
{
    private static long s_bytesSynced;

    public static void Synced(long bytes) => Add(bytes);

    private static void Add(long bytes) => Interlocked.Add(ref s_bytesSynced, bytes);
}

internal static partial class Sys
{
    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static partial int SyncFileRangeRaw(int fd, long offset, long nbytes, uint flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    internal static int SyncRange(int fd, long offset, long length)
    {
        int result = SyncFileRangeRaw(fd, offset, length, 2);
        Stats.Synced(length);
        return result;
    }
}
