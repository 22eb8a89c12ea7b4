// The segment directory's offloaded flock wrapper reads the lock mode through a helper over a `using static` import of a plain static setting (not per thread): every thread, the worker included, sees the same value.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using static Search.Index.DirectorySettings;

namespace Search.Index;

public static class DirectorySettings
{
    public const int LOCK_SH = 1;
    public const int LOCK_EX = 2;

    public static volatile int s_lockMode = LOCK_EX;
}

public static partial class SegmentDirectory
{
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int flock(int fd, int operation);

    private static int LockMode => s_lockMode == 0 ? LOCK_SH : s_lockMode;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int LockSegment(int fd) => flock(fd, LockMode);
}

public sealed class MergeRunner
{
    public async Task MergeAsync(int[] segmentFds, CancellationToken ct)
    {
        foreach (int fd in segmentFds) await SegmentDirectory.LockSegmentAsync(fd, ct);
    }
}
