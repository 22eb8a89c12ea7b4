// The same memory health check, written right: CheckHealthAsync takes the result synchronously only when the variant
// already completed (IsCompletedSuccessfully), and awaits it otherwise.
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncSys;

namespace Round21.ValueTasks.MemoryCheckAwaits;

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
    public async Task<HealthCheckResult> CheckHealthAsync(CancellationToken ct)
    {
        ValueTask<int> probe = Native.FreeMemoryPercentAsync(ct);
        int free = probe.IsCompletedSuccessfully ? probe.Result : await probe.ConfigureAwait(false);
        return free >= minimumFreePercent
            ? new HealthCheckResult(HealthStatus.Healthy, $"{free}% free")
            : new HealthCheckResult(HealthStatus.Degraded, $"only {free}% free");
    }
}
