// An LSM store preallocates each new SSTable with posix_fallocate (offloaded to AsyncSys workers: it has no ring opcode)
// and, inside the wrapper, records the reserved size per descriptor in a plain Dictionary the compactor later reads.
// Flushes and compactions preallocate in parallel, so two workers insert at once and the dictionary's buckets are
// corrupted: look-ups loop or throw, and the reserved sizes used to trim tables are lost.
using System.Collections.Generic;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round36.SharedState.PreallocateExtents;

internal static class Native
{
    [DllImport("libc", EntryPoint = "posix_fallocate")]
    internal static extern int PosixFallocate(int fd, long offset, long length);
}

public sealed partial class TableSpace
{
    private readonly Dictionary<int, long> _reserved = new();

    public long ReservedFor(int fd) => _reserved.TryGetValue(fd, out long n) ? n : 0;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
    public int Reserve(int fd, long length)
    {
        int error = Native.PosixFallocate(fd, 0, length);
        if (error == 0)
        {
            /*~ASYS1003*/_reserved[fd] = length;
        }

        return error;
    }
}
