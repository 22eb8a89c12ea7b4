// A perf loader pins each sampling thread to one CPU and records that CPU in a [ThreadStatic] field; its
// perf_event_open wrapper reads the field to open the counter on "this thread's" CPU. Offloaded, the wrapper runs on an
// AsyncSys worker whose field is 0 (or another pinned thread's CPU): every counter lands on CPU 0 and the others go
// unsampled.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round17.ThreadState.PerfOpenThreadCpu;

internal static class Native
{
    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    internal static extern int PerfEventOpen(long number, byte[] attr, int pid, int cpu, int groupFd, ulong flags);
}

public static partial class PerfCounters
{
    [System.ThreadStatic]
    internal static int t_pinnedCpu;

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int OpenOnThisCpu(byte[] attr) =>
        Native.PerfEventOpen(298, attr, -1, /*~ASYS1002*/t_pinnedCpu, -1, 0);
}
