// The same reservation takes the segment's lock around reading and advancing the tail.
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round35.Shared.SpillReserveLocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    internal static extern int Fallocate(int fd, int mode, long offset, long length);
}

public sealed partial class SpillSegment(int fd)
{
    private readonly Lock _gate = new();
    private long _tail;

    public long Tail { get { lock (_gate) { return _tail; } } }

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public int Reserve(long length)
    {
        lock (_gate)
        {
            int rc = Native.Fallocate(fd, 0, _tail, length);
            if (rc == 0)
            {
                _tail += length;
            }

            return rc;
        }
    }
}
