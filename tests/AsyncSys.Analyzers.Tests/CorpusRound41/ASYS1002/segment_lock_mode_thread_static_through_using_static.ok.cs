// A merge scheduler sets a [ThreadStatic] lock mode for the merge running on its thread; the caller reads it through the helper (over a `using static` import) on its own thread and passes it to the offloaded flock wrapper.
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;
using static Search.Index.MergeThreadState;

namespace Search.Index;

public static class MergeThreadState
{
    public const int LOCK_SH = 1;
    public const int LOCK_EX = 2;

    [ThreadStatic] public static int t_lockMode;
}

public static partial class SegmentDirectory
{
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int flock(int fd, int operation);

    public static int LockMode => t_lockMode == 0 ? LOCK_SH : t_lockMode;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int LockSegment(int fd, int mode) => flock(fd, mode);
}

public static class MergeThread
{
    // Runs once on each dedicated merge thread before it takes merges.
    public static void Begin() => t_lockMode = LOCK_EX;

    public static ValueTask<int> LockForMergeAsync(int fd, CancellationToken ct) =>
        SegmentDirectory.LockSegmentAsync(fd, SegmentDirectory.LockMode, ct);
}
