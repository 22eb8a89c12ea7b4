// The same perf_event_open wrapper with the CPU passed as an argument: the caller reads its own [ThreadStatic] field on
// its own thread and the worker only uses the value.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round17.ThreadState.PerfOpenCpuArgument;

internal static class Native
{
    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    internal static extern int PerfEventOpen(long number, byte[] attr, int pid, int cpu, int groupFd, ulong flags);
}

public static partial class PerfCounters
{
    [System.ThreadStatic]
    internal static int t_pinnedCpu;

    public static int PinnedCpu => t_pinnedCpu;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int OpenOnCpu(byte[] attr, int cpu) => Native.PerfEventOpen(298, attr, -1, cpu, -1, 0);
}
