// The same retention made right: the segment map is changed under the same lock its other users take.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round23.SharedState.RetentionSegmentMapLocked;

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
            lock (s_segmentsByBaseOffset)
            {
                s_segmentsByBaseOffset.Remove(baseOffset);
            }
        }

        return rc;
    }
}
