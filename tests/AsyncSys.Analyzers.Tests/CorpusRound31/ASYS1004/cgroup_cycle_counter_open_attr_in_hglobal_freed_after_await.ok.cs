// The cycles counter open made right: the perf_event_attr is marshalled into an HGlobal block that is freed only after
// the generated PerfEventOpenAsync has been awaited, so the worker's perf_event_open always reads a live attr.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round31.StackMemory.CycleCounterAttrHGlobal;

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

public static class CycleCounters
{
    private const uint PERF_TYPE_HARDWARE = 0;
    private const ulong PERF_COUNT_HW_CPU_CYCLES = 0, PERF_FLAG_PID_CGROUP = 4;

    public static async Task<int> OpenCyclesAsync(int cgroupFd, int cpu, CancellationToken ct)
    {
        int size = Marshal.SizeOf<PerfEventAttr>();
        var attr = new PerfEventAttr { Type = PERF_TYPE_HARDWARE, Size = (uint)size, Config = PERF_COUNT_HW_CPU_CYCLES };
        nint block = Marshal.AllocHGlobal(size);
        try
        {
            Marshal.StructureToPtr(attr, block, false);
            return await PerfSys.PerfEventOpenAsync(block, cgroupFd, cpu, -1, PERF_FLAG_PID_CGROUP, ct);
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
    }
}
