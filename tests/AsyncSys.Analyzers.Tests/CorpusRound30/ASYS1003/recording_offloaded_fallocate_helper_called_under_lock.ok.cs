// The recording reservation made right: the offloaded fallocate wrapper takes the reservation's lock to pick the range
// and calls the helper that records the extent while still holding it, so concurrent reservations are serialized.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round30.SharedState.RecordingExtentListLocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    internal static extern int Fallocate(int fd, int mode, long offset, long length);
}

public sealed partial class RecordingReservation(int fd)
{
    private readonly object _gate = new();
    private readonly List<(long Offset, long Length)> _reserved = new();
    private long _reservedEnd;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Reserve(long length)
    {
        lock (_gate)
        {
            int rc = Native.Fallocate(fd, 0, _reservedEnd, length);
            if (rc == 0)
            {
                Remember(length);
            }

            return rc;
        }
    }

    private void Remember(long length)
    {
        _reserved.Add((_reservedEnd, length));
        _reservedEnd += length;
    }
}
