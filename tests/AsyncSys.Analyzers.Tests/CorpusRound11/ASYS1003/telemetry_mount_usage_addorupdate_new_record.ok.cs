// A telemetry agent's offloaded statvfs wrapper folds each sample into a ConcurrentDictionary with an update lambda that returns a new immutable record (`with`), which AddOrUpdate swaps in atomically.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using AsyncSys;

namespace Round11.Shared.MountUsageAddOrUpdateOk;

[StructLayout(LayoutKind.Sequential)]
internal struct StatVfs
{
    public ulong BlockSize, FragmentSize, Blocks, BlocksFree, BlocksAvailable, Files, FilesFree, FilesAvailable, FsId, Flags, NameMax;
    public int Spare0, Spare1, Spare2, Spare3, Spare4, Spare5;
}

/// <summary>Free space seen for one group of mounts ("data", "system", ...) since the agent started.</summary>
public sealed record MountUsage(long Samples, double FreeBytesSum);

public static partial class DiskSampler
{
    private static readonly ConcurrentDictionary<string, MountUsage> s_usage = new();

    [DllImport("libc", SetLastError = true)]
    private static extern int statvfs(string path, out StatVfs buf);

    /// <summary>Samples one mount into its group. statvfs has no ring opcode: each call runs on a worker, the mounts of a group in parallel.</summary>
    [AsyncSyscall(RingOp.None, Errors = SyscallErrors.MinusOneAndErrno)]
    public static int Sample(string mount, string group)
    {
        if (statvfs(mount, out StatVfs vfs) != 0) return -1;
        double free = (double)vfs.BlocksAvailable * vfs.FragmentSize;
        s_usage.AddOrUpdate(
            group,
            _ => new MountUsage(1, free),
            (_, usage) => usage with { Samples = usage.Samples + 1, FreeBytesSum = usage.FreeBytesSum + free });
        return 0;
    }

    public static double AverageFree(string group) =>
        s_usage.TryGetValue(group, out MountUsage? usage) && usage.Samples > 0 ? usage.FreeBytesSum / usage.Samples : 0;
}
