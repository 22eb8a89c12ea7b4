// A background indexer locks each file with flock before hashing it. The blocking wrapper runs on an AsyncSys worker
// (RingOp.None), but it traces the lock under the "current document" kept in a [ThreadStatic] the UI thread sets:
// on the worker that field is the worker's (null or another job's), so the trace names the wrong file.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round32.PerThread.IndexerLockThreadStaticDocument;

internal static class Native
{
    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static extern int Flock(int fd, int operation);
}

public static partial class IndexLocks
{
    [ThreadStatic] internal static string? t_currentDocument;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int LockShared(int fd)
    {
        Console.Error.WriteLine("indexer: locking " + /*~ASYS1002*/t_currentDocument);
        return Native.Flock(fd, 1);
    }
}
