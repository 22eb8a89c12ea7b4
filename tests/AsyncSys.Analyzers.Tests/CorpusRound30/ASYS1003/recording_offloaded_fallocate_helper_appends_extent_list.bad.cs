// A recording service reserves disk space ahead of the growing recording with an offloaded fallocate wrapper; a helper
// remembers each reserved extent in a List and moves the reserved end. The recorder and the pre-roll task reserve at
// the same time on AsyncSys workers: both read the same end, the List loses or duplicates an extent, and the end moves
// by one reservation instead of two, so later writes run past the reserved space into ENOSPC mid-recording.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round30.SharedState.RecordingExtentList;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    internal static extern int Fallocate(int fd, int mode, long offset, long length);
}

public sealed partial class RecordingReservation(int fd)
{
    private readonly List<(long Offset, long Length)> _reserved = new();
    private long _reservedEnd;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Reserve(long length)
    {
        int rc = Native.Fallocate(fd, 0, _reservedEnd, length);
        if (rc == 0)
        {
            Remember(length);
        }

        return rc;
    }

    private void Remember(long length)
    {
        /*~ASYS1003*/_reserved.Add((_reservedEnd, length));
        /*~ASYS1003*/_reservedEnd += length;
    }
}
