using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round7.Shared.BrokerJournalOk;

/// <summary>A message broker locks each log segment it appends to and journals them in a concurrent queue.</summary>
internal static partial class SegmentLocks
{
    private const int LOCK_EX = 2;

    public static ConcurrentQueue<string> Journal { get; } = new();

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int flock(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int LockSegment(int fd, string segment)
    {
        int r = flock(fd, LOCK_EX);
        if (r == 0)
        {
            Journal.Enqueue(segment);
        }

        return r;
    }
}
