// The collector records removed segment names in a ConcurrentQueue, made for concurrent writers.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round35.Shared.SegmentGcConcurrentQueue;

internal static class Native
{
    [DllImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    internal static extern int UnlinkAt(int dirFd, string name, int flags);
}

public static partial class SegmentCollector
{
    internal static readonly ConcurrentQueue<string> s_removed = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int RemoveSegment(int spillDirFd, string name)
    {
        int rc = Native.UnlinkAt(spillDirFd, name, 0);
        if (rc == 0)
        {
            s_removed.Enqueue(name);
        }

        return rc;
    }
}
