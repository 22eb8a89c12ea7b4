// A memory health check implements a synchronous Check() and calls the generated variant of its offloaded sysinfo
// wrapper with `.Result`. The variant runs on a worker and has not completed when `.Result` is read: an AsyncSys
// ValueTask's source throws (or returns another operation's value once recycled) instead of waiting.
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round21.ValueTasks.MemoryCheckResult;

public enum HealthStatus { Unhealthy, Degraded, Healthy }

public sealed record HealthCheckResult(HealthStatus Status, string Description);

[StructLayout(LayoutKind.Sequential)]
public struct SysInfo
{
    public long Uptime;
    public ulong Load1, Load5, Load15;
    public ulong TotalRam, FreeRam, SharedRam, BufferRam, TotalSwap, FreeSwap;
    public ushort Processes, Pad;
    public ulong TotalHigh, FreeHigh;
    public uint MemUnit;
}

public static partial class Native
{
    [LibraryImport("libc", EntryPoint = "sysinfo", SetLastError = true)]
    private static partial int SysInfoCall(out SysInfo info);

    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int FreeMemoryPercent() => SysInfoCall(out SysInfo info) < 0 ? -1 : (int)(info.FreeRam * 100 / info.TotalRam);
}

public sealed class MemoryHealthCheck(int minimumFreePercent)
{
    public HealthCheckResult Check()
    {
        int free = /*~ASYS1006*/Native.FreeMemoryPercentAsync().Result;
        return free >= minimumFreePercent
            ? new HealthCheckResult(HealthStatus.Healthy, $"{free}% free")
            : new HealthCheckResult(HealthStatus.Degraded, $"only {free}% free");
    }
}
