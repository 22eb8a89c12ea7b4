// The WAL reserves segment space with posix_fallocate, offloaded (posix_fallocate has no ring opcode). After a
// successful reservation it charges a disk budget object held in a static field, through a helper. Segment rotation
// and the checkpointer reserve at the same time, so the read-modify-write of the budget loses charges and the store
// overruns its disk quota.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round20.SharedState.FallocateBudgetHelper;

public sealed class DiskBudget
{
    public long ReservedBytes;
    public int Reservations;
}

internal static partial class Native
{
    [LibraryImport("libc", EntryPoint = "posix_fallocate")]
    internal static partial int PosixFallocate(int fd, long offset, long length);
}

public static partial class SegmentSpace
{
    internal static readonly DiskBudget s_budget = new();

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
    public static int Reserve(int fd, long offset, long length)
    {
        int error = Native.PosixFallocate(fd, offset, length);
        if (error == 0)
        {
            Charge(length);
        }

        return error;
    }

    private static void Charge(long length)
    {
        /*~ASYS1003*/s_budget.ReservedBytes += length;
        /*~ASYS1003*/s_budget.Reservations++;
    }
}
