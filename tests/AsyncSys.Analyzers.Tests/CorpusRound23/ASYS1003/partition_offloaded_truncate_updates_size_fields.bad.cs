// A partition log truncates its active segment (retention by size, or a follower cutting back to the leader's high
// watermark) through an offloaded ftruncate wrapper that records the new size and counts truncations in fields of the
// log. Overlapping truncations on two workers store the sizes in either order and lose increments, so the log's idea
// of its size disagrees with the file and the next append lands past the end or over live records.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round23.SharedState.PartitionTruncateFields;

internal static class Native
{
    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    internal static extern int FTruncate(int fd, long length);
}

public sealed partial class PartitionLog(int activeSegmentFd)
{
    private long _sizeBytes;
    private long _truncations;

    public long SizeBytes => _sizeBytes;

    public long Truncations => _truncations;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int TruncateTo(long length)
    {
        int rc = Native.FTruncate(activeSegmentFd, length);
        if (rc == 0)
        {
            /*~ASYS1003*/_sizeBytes = length;
            /*~ASYS1003*/_truncations++;
        }

        return rc;
    }
}
