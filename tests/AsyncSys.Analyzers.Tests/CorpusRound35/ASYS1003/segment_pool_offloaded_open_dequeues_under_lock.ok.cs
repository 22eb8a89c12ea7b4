// The segment pool takes its lock around the check and the dequeue; the fallocate runs outside it on a descriptor only
// this call holds.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round35.Shared.SegmentPoolLocked;

internal static class Native
{
    [DllImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    internal static extern int Fallocate(int fd, int mode, long offset, long length);
}

public static partial class SegmentPool
{
    private static readonly object s_gate = new();
    internal static readonly Queue<int> s_free = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Activate(long segmentBytes)
    {
        int fd;
        lock (s_gate)
        {
            if (!s_free.TryDequeue(out fd))
            {
                return -1;
            }
        }

        return Native.Fallocate(fd, 0, 0, segmentBytes) == 0 ? fd : -1;
    }
}
