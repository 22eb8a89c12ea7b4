// A per-container CPU accounting agent opens a cycles counter for a cgroup (PERF_FLAG_PID_CGROUP) with the generated
// PerfEventOpenAsync, which runs the syscall on an AsyncSys worker. The perf_event_attr is a local handed to a local
// function that starts the open and returns its task: the method has returned by the time the worker calls
// perf_event_open, which reads a reused stack slot as the attr (EINVAL, E2BIG, or a counter of the wrong event).
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.StackMemory.CycleCounterAttrLocalFunction;

[StructLayout(LayoutKind.Sequential, Size = 128)]
internal struct PerfEventAttr
{
    public uint Type;
    public uint Size;
    public ulong Config;
    public ulong SamplePeriod;
    public ulong SampleType;
    public ulong ReadFormat;
    public ulong Flags;
}

internal static class Native
{
    internal const long SYS_perf_event_open = 298;

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    internal static extern int Syscall(long number, nint attr, int pid, int cpu, int groupFd, ulong flags);
}

public static partial class PerfSys
{
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int PerfEventOpen(nint attr, int pid, int cpu, int groupFd, ulong flags) =>
        Native.Syscall(Native.SYS_perf_event_open, attr, pid, cpu, groupFd, flags);
}

public static unsafe class CycleCounters
{
    private const uint PERF_TYPE_HARDWARE = 0;
    private const ulong PERF_COUNT_HW_CPU_CYCLES = 0, PERF_FLAG_PID_CGROUP = 4;

    public static ValueTask<int> OpenCyclesAsync(int cgroupFd, int cpu, CancellationToken ct)
    {
        PerfEventAttr attr = new() { Type = PERF_TYPE_HARDWARE, Size = (uint)sizeof(PerfEventAttr), Config = PERF_COUNT_HW_CPU_CYCLES };
        return Open(/*~ASYS1004*/&attr);

        ValueTask<int> Open(PerfEventAttr* perfAttr) =>
            PerfSys.PerfEventOpenAsync((nint)perfAttr, cgroupFd, cpu, -1, PERF_FLAG_PID_CGROUP, ct);
    }
}
