// Retention deletes expired log segments through an offloaded unlink wrapper and records each deleted path in a static
// List for the admin API. The retention pass deletes a partition's expired segments at once
// (Task.WhenAll over DeleteSegmentAsync), so several workers Add to the List together: entries are lost or the List's
// array is corrupted, and the admin API reports segments as still present (or throws).
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round39.SharedState.RetentionStaticList;

internal static class Native
{
    [DllImport("libc", EntryPoint = "unlink", SetLastError = true)]
    internal static extern int Unlink(string path);
}

public static partial class RetentionDeleter
{
    private static readonly List<string> s_deleted = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int DeleteSegment(string path)
    {
        int rc = Native.Unlink(path);
        if (rc == 0)
        {
            /*~ASYS1003*/s_deleted.Add(path);
        }

        return rc;
    }

    public static int DeletedCount => s_deleted.Count;
}
