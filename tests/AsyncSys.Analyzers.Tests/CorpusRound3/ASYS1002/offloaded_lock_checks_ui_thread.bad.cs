using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round3.Locking;

public static partial class FileLocks
{
    private const int LOCK_NB = 4;
    private static int s_uiThread;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int flock(int fd, int operation);

    public static void MarkUiThread() => s_uiThread = Environment.CurrentManagedThreadId;

    private static bool OnUiThread => Environment.CurrentManagedThreadId == s_uiThread;

    // never block the UI thread: but the variant runs this on a worker, which is never the UI thread
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Acquire(int fd, int operation) => flock(fd, /*~ASYS1002*/OnUiThread ? operation | LOCK_NB : operation);
}
