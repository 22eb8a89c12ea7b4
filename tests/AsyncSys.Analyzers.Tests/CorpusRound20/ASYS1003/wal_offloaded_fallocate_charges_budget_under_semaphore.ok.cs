// The same reservation charging the shared budget inside a SemaphoreSlim-guarded try/finally (the helper included).
using System.Runtime.InteropServices;
using System.Threading;
using AsyncSys;

namespace Round20.SharedState.FallocateBudgetGuarded;

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
    private static readonly SemaphoreSlim s_budgetGate = new(1, 1);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.ReturnsErrorNumber)]
    public static int Reserve(int fd, long offset, long length)
    {
        int error = Native.PosixFallocate(fd, offset, length);
        if (error == 0)
        {
            s_budgetGate.Wait();
            try
            {
                Charge(length);
            }
            finally
            {
                s_budgetGate.Release();
            }
        }

        return error;
    }

    private static void Charge(long length)
    {
        s_budget.ReservedBytes += length;
        s_budget.Reservations++;
    }
}
