using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round7.Shared.BrokerJournal;

/// <summary>A message broker locks each log segment it appends to and journals which segments it holds.</summary>
internal static partial class SegmentLocks
{
    private const int LOCK_EX = 2;

    public static List<string> Journal { get; } = new();

    [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static extern int flock(int fd, int operation);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int LockSegment(int fd, string segment)
    {
        int r = flock(fd, LOCK_EX);
        if (r == 0)
        {
            /*~ASYS1003*/Journal.Add(segment);   // two workers append to the same List at once
        }

        return r;
    }
}
