// The indexer's lock wrapper made right: the document's id is an argument, so the worker logs the caller's document;
// the wrapper reads no per-thread state.
using System;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round32.PerThread.IndexerLockTakesDocument;

internal static class Native
{
    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static extern int Flock(int fd, int operation);
}

public static partial class IndexLocks
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int LockShared(int fd, int documentId)
    {
        Console.Error.WriteLine("indexer: locking " + "document " + documentId);
        return Native.Flock(fd, 1);
    }
}
