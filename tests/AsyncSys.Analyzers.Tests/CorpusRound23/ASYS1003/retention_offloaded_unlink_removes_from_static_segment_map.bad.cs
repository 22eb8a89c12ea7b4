// Retention deletes an expired segment through an offloaded unlinkat wrapper that also drops the segment from the
// static map of segments by base offset. Several partitions' retention runs at once on AsyncSys workers, so two
// workers change the Dictionary at the same time and corrupt it: lookups for live segments fail or loop.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round23.SharedState.RetentionSegmentMap;

public static partial class SegmentStore
{
    private static readonly Dictionary<long, string> s_segmentsByBaseOffset = new();

    public static void Register(long baseOffset, string fileName)
    {
        lock (s_segmentsByBaseOffset)
        {
            s_segmentsByBaseOffset[baseOffset] = fileName;
        }
    }

    [DllImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    private static extern int UnlinkAt(int dirFd, string path, int flags);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int DeleteSegment(int dirFd, long baseOffset, string fileName)
    {
        int rc = UnlinkAt(dirFd, fileName, 0);
        if (rc == 0)
        {
            /*~ASYS1003*/s_segmentsByBaseOffset.Remove(baseOffset);
        }

        return rc;
    }
}
