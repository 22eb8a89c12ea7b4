// Segment garbage collection unlinks acknowledged segment files in an offloaded wrapper and records each removed name
// in a static List for the status page. Several deletions run on workers at once; List.Add is not thread-safe and
// loses names or throws from a corrupted internal array.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round35.Shared.SegmentGcStaticList;

internal static class Native
{
    [DllImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    internal static extern int UnlinkAt(int dirFd, string name, int flags);
}

public static partial class SegmentCollector
{
    internal static readonly List<string> s_removed = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int RemoveSegment(int spillDirFd, string name)
    {
        int rc = Native.UnlinkAt(spillDirFd, name, 0);
        if (rc == 0)
        {
            /*~ASYS1003*/s_removed.Add(name);
        }

        return rc;
    }
}
