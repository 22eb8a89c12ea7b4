// The spill segment reserves room for a batch with fallocate in an offloaded instance wrapper and advances its tail
// field there. Upload workers spill concurrently, so two reservations read the same tail: both batches get the same
// offset and one overwrites the other on disk.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round35.Shared.SpillReserveTail;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    internal static extern int Fallocate(int fd, int mode, long offset, long length);
}

public sealed partial class SpillSegment(int fd)
{
    private long _tail;

    public long Tail => _tail;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Reserve(long length)
    {
        int rc = Native.Fallocate(fd, 0, _tail, length);
        if (rc == 0)
        {
            /*~ASYS1003*/_tail += length;
        }

        return rc;
    }
}
