// The same retention deleter recording deleted paths in a ConcurrentQueue, which is made for workers adding at once.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round39.SharedState.RetentionConcurrentQueue;

internal static class Native
{
    [DllImport("libc", EntryPoint = "unlink", SetLastError = true)]
    internal static extern int Unlink(string path);
}

public static partial class RetentionDeleter
{
    private static readonly ConcurrentQueue<string> s_deleted = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int DeleteSegment(string path)
    {
        int rc = Native.Unlink(path);
        if (rc == 0)
        {
            s_deleted.Enqueue(path);
        }

        return rc;
    }

    public static int DeletedCount => s_deleted.Count;
}
