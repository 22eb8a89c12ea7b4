// A disk-space health check opens the mount point, calls fstatvfs on it and closes the descriptor in a finally before
// it looks at the result; on failure it reads errno for the health report. close (SetLastError) ran after the failed
// fstatvfs, so the report says "errno 0" (or close's EBADF) instead of fstatvfs's error.
using System;
using System.Runtime.InteropServices;

namespace Round21.Errno.DiskHealthCloseFirst;

public enum HealthStatus { Unhealthy, Degraded, Healthy }

public sealed record HealthCheckResult(HealthStatus Status, string Description)
{
    public static HealthCheckResult Healthy(string description) => new(HealthStatus.Healthy, description);
    public static HealthCheckResult Unhealthy(string description) => new(HealthStatus.Unhealthy, description);
}

[StructLayout(LayoutKind.Sequential)]
public struct StatVfs
{
    public ulong BlockSize, FragmentSize, Blocks, BlocksFree, BlocksAvailable, Files, FilesFree, FilesAvailable, FsId, Flags, NameMax;
    public int Spare0, Spare1, Spare2, Spare3, Spare4, Spare5;
}

internal static partial class Native
{
    public const int O_RDONLY = 0, O_DIRECTORY = 0x10000, O_CLOEXEC = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fstatvfs", SetLastError = true)]
    internal static partial int FStatVfs(int fd, out StatVfs stats);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);
}

public sealed class DiskSpaceHealthCheck(string mountPoint, double minimumFreeRatio)
{
    public HealthCheckResult Check()
    {
        int dirFd = Native.Open(mountPoint, Native.O_RDONLY | Native.O_DIRECTORY | Native.O_CLOEXEC);
        if (dirFd < 0)
        {
            return HealthCheckResult.Unhealthy($"cannot open {mountPoint}: errno {Marshal.GetLastPInvokeError()}");
        }

        int rc;
        StatVfs stats;
        try
        {
            rc = Native.FStatVfs(dirFd, out stats);
        }
        finally
        {
            Native.Close(dirFd);
        }

        if (rc < 0)
        {
            return HealthCheckResult.Unhealthy($"fstatvfs({mountPoint}) failed: errno {/*~ASYS1001*/Marshal.GetLastPInvokeError()}");
        }

        double free = stats.Blocks == 0 ? 0 : (double)stats.BlocksAvailable / stats.Blocks;
        return free >= minimumFreeRatio
            ? HealthCheckResult.Healthy($"{free:P0} free on {mountPoint}")
            : HealthCheckResult.Unhealthy($"only {free:P0} free on {mountPoint}");
    }
}
