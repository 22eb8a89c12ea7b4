// Preallocated spill segments wait in a static Queue of free descriptors; the offloaded "activate segment" wrapper
// dequeues one and fallocates it. Two workers activating at once dequeue from an unsynchronized Queue: both may get the
// same descriptor and interleave two batches' records in one file.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round35.Shared.SegmentPoolStaticQueue;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    internal static extern int Fallocate(int fd, int mode, long offset, long length);
}

public static partial class SegmentPool
{
    internal static readonly Queue<int> s_free = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Activate(long segmentBytes)
    {
        if (s_free.Count == 0)
        {
            return -1;
        }

        int fd = /*~ASYS1003*/s_free.Dequeue();
        return Native.Fallocate(fd, 0, 0, segmentBytes) == 0 ? fd : -1;
    }
}
